package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped {@code /evalbot} comment runs in the dry-run, so that a newcomer can try the commands. */
class DryRunCommandsTest {
    private static final Path EXAMPLES = Path.of("../config/examples/github-webhooks");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theShippedCommandExampleRunsARecheckByTheRepositorysOwner() throws Exception {
        String db = "jdbc:sqlite:" + tmp.resolve("evalbot.db");
        Map<String, String> env = Map.of("EVALBOT_DB", db, "EVALBOT_PORT", "0", "EVALBOT_CONFIG", "../config",
                "EVALBOT_DATA", tmp.toString(), "HF_HUB_OFFLINE", "1");
        try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
            WebhookSignature signature = new WebhookSignature(Files.readString(tmp.resolve("webhook-secret")).strip());
            assertEquals(202, send(app, signature, "pull_request", "pull_request.opened.json"));
            Eventually.await("the review", () -> Webhooks.states(db).getOrDefault("done", 0) == 1);
            assertEquals(202, send(app, signature, "issue_comment", "issue_comment.evalbot-command.json"));
            Eventually.await("the command", () -> !audit(db).isEmpty());
            assertEquals(List.of("Codertocat recheck github Codertocat/Hello-World#2 done"), audit(db));
        }
    }

    private int send(EvalbotApp app, WebhookSignature signature, String event, String file) throws Exception {
        byte[] body = Files.readAllBytes(EXAMPLES.resolve(file));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/github"))
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", file)
                .header("X-Hub-Signature-256", signature.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<String> audit(String db) {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT actor, command, platform, repo, number, outcome FROM audit")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + "#"
                        + rs.getInt(5) + " " + rs.getString(6));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }
}
