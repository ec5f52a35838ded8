package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.EvalbotApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start's boards are whole as soon as the server is ready: seeding the examples reads the
 * boards while they are half seeded (each example is reviewed against them), and their debounced
 * refresh only comes 30 s later.
 */
class DryRunSeededBoardsTest {
    @TempDir
    Path tmp;

    @Test
    void everySeededExampleIsOnItsBoardOnceReady() throws Exception {
        Map<String, String> env = Map.of("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("evalbot.db"), "EVALBOT_PORT", "0",
                "EVALBOT_CONFIG", "../config", "EVALBOT_DATA", tmp.toString(), "HF_HUB_OFFLINE", "1");
        try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/leaderboards/cais/hle")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode board = new ObjectMapper().readTree(r.body());
            List<String> models = new ArrayList<>();
            board.path("tasks").get(0).path("rows").forEach(row -> models.add(row.path("model").asText()));
            // config/examples/models: atlas-70b 24.6 (its best of two), Hello-World 20.9, atlas-7b 8.4.
            assertEquals(List.of("open-lab/atlas-70b", "Codertocat/Hello-World", "open-lab/atlas-7b"), models);
        }
    }
}
