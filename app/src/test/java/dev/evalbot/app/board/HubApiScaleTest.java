package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.config.RulesConfig;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hub-shaped API keeps nothing proportional to the store: a model's reports are read for that
 * model alone (no board is read for them), and a list too big to keep is written from the board's
 * rows per request, byte for byte what a kept one would be, with the same ETag.
 */
class HubApiScaleTest {
    @TempDir
    Path tmp;
    HubApiFixture fixture;
    /** The fixture's store and definitions, served by a board service that was never started. */
    BoardService cold;
    Javalin server;
    String endpoint;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fixture = new HubApiFixture(tmp);
        cold = new BoardService(PlatformModules.known(), fixture.results, new RefreshStore(fixture.db,
                Duration.ofMinutes(1)),
                TaskCatalog.of(RulesConfig.DEFAULT, HubApiFixture.DEFINITIONS.values()), HubApiFixture.DEFINITIONS,
                Duration.ZERO, Clock.systemUTC(), List.of(),
                BoardSettings.DEFAULT, WithdrawalTrail.NONE, BoardService.DEFAULT_CACHE_REPORTS);
        // Nothing is kept rendered: every list is streamed.
        HubApiRoutes streamed = new HubApiRoutes(cold, HubApiFixture.DEFINITIONS, fixture.cards, 16, 1);
        server = Javalin.create(c -> c.showJavalinBanner = false)
                .get(HubApiRoutes.LEADERBOARD, streamed.leaderboard())
                .get(HubApiRoutes.MODEL, streamed.model())
                .start("127.0.0.1", 0);
        endpoint = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.stop();
        cold.close();
        fixture.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aModelsReportsAreReadWithoutReadingAnyBoard() throws Exception {
        for (String path : List.of("/api/models/lab/alpha?expand=evalResults",
                "/api/models/lab/gamma?expand=evalResults&platform=github", "/api/models/lab/beta",
                "/api/models/lab/delta?expand=evalResults", "/api/models/lab/alpha?expand=evalResults&platform=nope")) {
            HttpResponse<String> mine = get(path);
            HttpResponse<String> theirs = fixture.get(path);
            assertEquals(theirs.statusCode(), mine.statusCode(), path);
            assertEquals(theirs.body(), mine.body(), path);
        }
        assertEquals(List.of(), cold.summaries(), "no board was read to answer for a model");
    }

    @Test
    void aListTooBigToKeepIsStreamedWithTheSameBytesAndETag() throws Exception {
        for (String path : List.of("/api/datasets/bench/multi/leaderboard",
                "/api/datasets/bench/multi/leaderboard?base_model=false",
                "/api/datasets/bench/multi/leaderboard?task_id=err", "/api/datasets/bench/single/leaderboard")) {
            HttpResponse<String> kept = fixture.get(path);
            HttpResponse<String> streamed = get(path);
            assertEquals(200, streamed.statusCode(), path);
            assertEquals(kept.body(), streamed.body(), path);
            String etag = streamed.headers().firstValue("ETag").orElseThrow();
            assertEquals(kept.headers().firstValue("ETag").orElseThrow(), etag, path);
            assertEquals("*", streamed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(streamed.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            HttpResponse<String> again = get(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body());
        }
    }
}
