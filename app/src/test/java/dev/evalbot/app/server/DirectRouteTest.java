package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.app.store.StoreUnavailableException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A route served ahead of Javalin answers as Javalin would: its own replies, 503, 500, and 404 for other methods. */
class DirectRouteTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> send(int port, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersItsPostsAndLeavesEverythingElseToJavalin() throws Exception {
        DirectRoute ok = (req, res) -> Replies.write(res, 202, "{\"status\":202}".getBytes(StandardCharsets.UTF_8));
        DirectRoute storeDown = (req, res) -> {
            throw new StoreUnavailableException("accept: disk full", null);
        };
        DirectRoute broken = (req, res) -> {
            throw new IllegalStateException("bug");
        };
        try (EvalbotServer server = new EvalbotServer(new ServerSettings("127.0.0.1", 0, 1 << 20, null),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true)) {
            server.post("/ok", ok).post("/down", storeDown).post("/broken", broken).start();
            int port = server.port();
            HttpResponse<String> r = send(port, "POST", "/ok");
            assertEquals(202, r.statusCode());
            assertEquals("{\"status\":202}", r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
            r = send(port, "POST", "/down");
            assertEquals(503, r.statusCode());
            assertEquals("{\"status\":503,\"message\":\"store unavailable, retry later\"}", r.body());
            r = send(port, "POST", "/broken");
            assertEquals(500, r.statusCode());
            assertEquals("{\"status\":500,\"message\":\"internal error\"}", r.body());
            assertEquals(404, send(port, "GET", "/ok").statusCode());
            assertEquals(404, send(port, "PUT", "/ok").statusCode());
            assertEquals(404, send(port, "POST", "/ok/more").statusCode());
            assertEquals(200, send(port, "GET", "/healthz").statusCode());
        }
    }
}
