package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.InboxConfig;
import dev.evalbot.app.inbox.Jitter;
import dev.evalbot.app.inbox.LeaseSettings;
import dev.evalbot.app.server.EvalbotServer;
import dev.evalbot.app.server.ServerSettings;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The real Hub webhook route on a random loopback port, committing to a real inbox on SQLite. */
final class HubWebhookServer implements AutoCloseable {
    static final String SECRET = "hub-webhook-s3cret";
    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Database db;
    final Inbox inbox;
    final EvalbotServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HubWebhookServer(Path dir) {
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + dir.resolve("t.db")));
        inbox = new Inbox(db, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(), new SimpleMeterRegistry(), PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()));
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var route = new HubWebhookRoute(new HubSettings(SECRET, null, null), inbox, MAX_BODY, Clock.systemUTC(), metrics);
        server = new EvalbotServer(new ServerSettings("127.0.0.1", 0, ServerSettings.MAX_BODY_BYTES, null), metrics,
                () -> true).post("/webhooks/hub", route).start();
    }

    static ObjectNode payload(String name) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/hub-webhooks", name)));
    }

    HttpResponse<String> post(String body, String secretHeader, String query) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/hub"
                + (query == null ? "" : "?" + query)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secretHeader != null) {
            b.header("X-Webhook-Secret", secretHeader);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body) throws Exception {
        return post(body, SECRET, null);
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
