package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** source.org (else source.user) is stored with the entry and shown beside the source on the leaderboard. */
class AttributionBoardTest {
    @TempDir
    Path tmp;

    @Test
    void theAttributionGoesThroughTheStoreToThePageAndTheJson() throws Exception {
        PullRef pull = new PullRef(PlatformId.HUB, "org/model", 3);
        Leaderboard board;
        try (Database db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("evalbot.db")))) {
            ResultStore store = new ResultStore(db, Clock.systemUTC());
            store.replaceAll(pull, "abc1234", PrState.OPEN, List.of(
                    new ReviewedEntry(".eval_results/hle.yaml", 1, 1, "cais/hle", "hle", 20.9, "2026-01-15", null,
                            "https://huggingface.co/datasets/cais/hle", "CAIS HLE", Tier.COMMUNITY, "cais<script>", null,
                            false)));
            var stored = store.byPull(pull);
            assertEquals("cais<script>", stored.get(0).entry().attribution());
            board = new Aggregator(TaskCatalog.HIGHER_IS_BETTER)
                    .aggregate(stored.stream().map(StoredEntries::toBoardEntry).toList()).get("cais/hle");
        }
        Benchmark hle = LocalConfig.load(Path.of("../config"), null).registry().all().stream()
                .filter(b -> b.id().equals("cais/hle")).findFirst().orElseThrow();
        String html = new LeaderboardPage(PlatformModules.known(),
                PageLimits.DEFAULT, FacetParser.NO_PROVIDERS, null).render(board, hle);
        assertTrue(html.contains("CAIS HLE</bdi></a> <span class=\"by\">by <bdi>cais&lt;script&gt;</bdi></span>"), html);
        var json = new ObjectMapper().readTree(new LeaderboardJson(PlatformModules.known(),
                FacetParser.NO_PROVIDERS).render(board));
        assertEquals("cais<script>", json.findValue("source").get("attribution").asText(), json.toString());
    }
}
