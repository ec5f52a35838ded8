package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every metric on {@code /metrics} says what it counts. */
class MetricsHelpTest {
    @TempDir
    Path tmp;

    @Test
    void noMetricHasAnEmptyHelpText() throws Exception {
        Map<String, String> env = Map.of("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("evalbot.db"), "EVALBOT_PORT", "0",
                "EVALBOT_HOST", "127.0.0.1", "EVALBOT_CONFIG", "../config", "EVALBOT_DATA", tmp.toString(),
                "HF_HUB_OFFLINE", "1");
        HttpClient http = HttpClient.newHttpClient();
        try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + app.port();
            int unsigned = http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/github"))
                    .header("X-GitHub-Event", "ping").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(401, unsigned);
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("# HELP evalbot_webhooks_total webhook requests answered, by platform and outcome"),
                    metrics);
            List<String> empty = metrics.lines().filter(l -> l.matches("# HELP \\S+\\s*")).toList();
            assertEquals(List.of(), empty, metrics);
        }
    }
}
