package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.Aggregator;
import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log-checked mark goes from the review through the store to the board: beside the tier on
 * the page, {@code logChecked} in the JSON, in the badge; a model's log-checked report is shown
 * before a bare one of the same tier, and a verified one before both.
 */
class LogCheckedBoardTest {
    private static final ModelLinks LINKS = new ModelLinks(PlatformModules.known());

    @TempDir
    Path tmp;
    LocalConfig config;
    Database db;
    ResultStore store;

    @BeforeEach
    void open() {
        config = LocalConfig.load(Path.of("../config"), null);
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("evalbot.db")));
        store = new ResultStore(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    static ReviewedEntry hle(double value, String date, Tier tier, boolean logChecked) {
        return new ReviewedEntry(".eval_results/hle.yaml", 1, 1, "cais/hle", "hle", value, date, null,
                "https://huggingface.co/datasets/o/logs/resolve/main/hle.eval", null, tier, null, null, logChecked);
    }

    private Leaderboard board() {
        TaskCatalog catalog = TaskCatalog.of(config.rules(), config.registry().all());
        return new Aggregator(catalog).aggregate(store.byDataset("cais/hle").stream().map(StoredEntries::toBoardEntry)
                .toList()).get("cais/hle");
    }

    @Test
    void theMarkIsStoredShownInTheJsonAndTheBadgeAndPreferredToABareReport() throws Exception {
        store.replaceAll(new PullRef(PlatformId.HUB, "org/model-a", 1), "a1", PrState.OPEN,
                List.of(hle(20.9, "2026-01-10", Tier.COMMUNITY, true)));
        store.replaceAll(new PullRef(PlatformId.HUB, "org/model-a", 2), "a2", PrState.OPEN,
                List.of(hle(25.0, "2026-01-20", Tier.COMMUNITY, false)));
        store.replaceAll(new PullRef(PlatformId.HUB, "org/model-b", 3), "b1", PrState.OPEN,
                List.of(hle(10.0, "2026-01-20", Tier.COMMUNITY, false)));
        assertTrue(store.byPull(new PullRef(PlatformId.HUB, "org/model-a", 1)).get(0).entry().logChecked());
        assertFalse(store.byPull(new PullRef(PlatformId.HUB, "org/model-a", 2)).get(0).entry().logChecked());

        Leaderboard board = board();
        JsonNode rows = new ObjectMapper().readTree(new LeaderboardJson(PlatformModules.known(),
                FacetParser.NO_PROVIDERS).render(board))
                .at("/tasks/0/rows");
        assertEquals("org/model-a", rows.get(0).get("model").asText());
        assertEquals(20.9, rows.get(0).at("/best/value").asDouble(), "the log-checked report, though older");
        assertTrue(rows.get(0).at("/best/logChecked").asBoolean());
        assertFalse(rows.get(1).at("/best/logChecked").asBoolean());

        String html = new LeaderboardPage(PlatformModules.known(),
                PageLimits.DEFAULT, FacetParser.NO_PROVIDERS, null).render(board, null);
        assertEquals(1, html.split("<span class=\"log-checked\"", -1).length - 1, html);

        var row = Badges.row(board, Badges.Request.parse("org/model-a/cais/hle/hle.svg").orElseThrow(), null, LINKS).orElseThrow();
        assertTrue(Badges.svg(row, Badges.Request.parse("org/model-a/cais/hle/hle.svg").orElseThrow())
                .contains("20.9 · community · log-checked"));
        var bare = Badges.row(board, Badges.Request.parse("org/model-b/cais/hle/hle.svg").orElseThrow(), null, LINKS).orElseThrow();
        assertFalse(Badges.svg(bare, Badges.Request.parse("org/model-b/cais/hle/hle.svg").orElseThrow())
                .contains("log-checked"));

        store.replaceAll(new PullRef(PlatformId.HUB, "org/model-a", 4), "a3", PrState.OPEN,
                List.of(hle(22.0, "2026-01-01", Tier.VERIFIED, false)));
        JsonNode best = new ObjectMapper().readTree(new LeaderboardJson(PlatformModules.known(),
                FacetParser.NO_PROVIDERS).render(board()))
                .at("/tasks/0/rows/0/best");
        assertEquals("verified", best.get("tier").asText(), "verified is above log-checked");
    }
}
