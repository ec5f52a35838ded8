package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.Aggregator;
import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataset.revision} is stored with each result and, on the leaderboard, links to the
 * benchmark dataset's files at that revision on the Hub; the JSON carries it as {@code dataset.revision}.
 */
class DatasetRevisionBoardTest {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

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

    @org.junit.jupiter.api.AfterEach
    void close() {
        db.close();
    }

    private Leaderboard board() {
        TaskCatalog catalog = TaskCatalog.of(config.rules(), config.registry().all());
        List<String> ids = store.datasetIds();
        assertEquals(List.of("cais/hle"), ids);
        return new Aggregator(catalog).aggregate(store.byDataset("cais/hle").stream().map(StoredEntries::toBoardEntry)
                .toList()).get("cais/hle");
    }

    @Test
    void aReviewedRevisionGoesThroughTheStoreToAPageLinkAndTheJson() throws Exception {
        Path checkout = tmp.resolve("org/model-a");
        Files.createDirectories(checkout.resolve(".eval_results"));
        Files.writeString(checkout.resolve(".eval_results/hle.yaml"), """
                - dataset: {id: cais/hle, task_id: hle, revision: %s}
                  value: 21.5
                  date: "2026-01-15"
                """.formatted(SHA));
        Path other = tmp.resolve("org/model-b");
        Files.createDirectories(other.resolve(".eval_results"));
        Files.writeString(other.resolve(".eval_results/hle.yaml"), """
                - dataset: {id: cais/hle, task_id: hle}
                  value: 12.0
                  date: "2026-01-16"
                """);
        Backfill backfill = new Backfill(new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                TrustAnnotator.OFFLINE, new ResultRecorder(store, id -> { }), config.rules().limits().maxBytes(),
                ModelCardListener.NONE);
        backfill.seed("hub", checkout, "org/model-a");
        backfill.seed("hub", other, "org/model-b");

        assertEquals(SHA, store.byPull(new PullRef(PlatformId.HUB, "org/model-a", 0)).get(0).entry().revision());
        Leaderboard board = board();

        String html = new LeaderboardPage(PlatformModules.known(),
                PageLimits.DEFAULT, FacetParser.NO_PROVIDERS, null).render(board, null);
        assertTrue(html.contains("<span class=\"rev\">dataset @ <a href=\"https://huggingface.co/datasets/cais/hle/tree/"
                + SHA + "\" rel=\"nofollow ugc noopener noreferrer\"><code title=\"" + SHA + "\"><bdi>0123456</bdi></code>"
                + "</a></span>"), html);
        assertEquals(1, html.split("class=\"rev\"", -1).length - 1, "model-b gave no revision: " + html);

        JsonNode rows = new ObjectMapper().readTree(new LeaderboardJson(PlatformModules.known(),
                FacetParser.NO_PROVIDERS).render(board))
                .at("/tasks/0/rows");
        JsonNode a = rows.get(0).get("best");
        assertEquals("org/model-a", rows.get(0).get("model").asText());
        assertEquals(SHA, a.at("/dataset/revision").asText());
        assertEquals("https://huggingface.co/datasets/cais/hle/tree/" + SHA, a.at("/dataset/revisionUrl").asText());
        JsonNode b = rows.get(1).get("best");
        assertTrue(b.at("/dataset/revision").isNull(), b.toString());
        assertTrue(b.at("/dataset/revisionUrl").isNull(), b.toString());
    }

    @Test
    void aRevisionIsEscapedOnThePageAndEncodedInItsLink() throws Exception {
        String hostile = "main\"><script>alert(1)</script>/x y";
        store.replaceAll(new PullRef(PlatformId.HUB, "org/model-c", 4), "abc1234", PrState.OPEN, List.of(
                new ReviewedEntry(".eval_results/hle.yaml", 1, 1, "cais/hle", "hle", 20.9, "2026-01-15", null, null,
                        null, Tier.COMMUNITY, null, hostile, false)));
        Leaderboard board = board();

        String html = new LeaderboardPage(PlatformModules.known(),
                PageLimits.DEFAULT, FacetParser.NO_PROVIDERS, null).render(board, null);
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("href=\"https://huggingface.co/datasets/cais/hle/tree/"
                + "main%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%2Fx%20y\""), html);
        assertTrue(html.contains("<bdi>main&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/x y</bdi>"), html);
        JsonNode best = new ObjectMapper().readTree(new LeaderboardJson(PlatformModules.known(),
                FacetParser.NO_PROVIDERS).render(board))
                .at("/tasks/0/rows/0/best");
        assertEquals(hostile, best.at("/dataset/revision").asText());
    }
}
