package dev.evalbot.app.platform.forge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.commands.Reaction;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.Mode;
import dev.evalbot.app.platform.github.GitHubModule;
import dev.evalbot.app.platform.hub.HubModule;
import dev.evalbot.app.review.CommitState;
import dev.evalbot.app.review.ReviewRenderer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25: a third platform, made up in test sources, runs the whole delivery path of a real
 * server (intake, inbox, review, comment, close) through the same wiring as GitHub and the Hub,
 * listed beside them and nothing else. Only Forge has credentials; everything stays on loopback.
 */
class ForgeDeliveryPathTest {
    static final String REPO = "owner/name";
    static final int NUMBER = 1;
    static final String HEAD = "a".repeat(40);
    static final String SECRET = "forge-secret";
    static final String ADMIN = "admin-token";
    static final String VALID = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n";

    @TempDir
    Path tmp;
    final ForgeRepos forge = new ForgeRepos();
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    EvalbotApp app;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FORGE_TOKEN", "forge-token");
        env.put("FORGE_WEBHOOK_SECRET", SECRET);
        env.put("EVALBOT_ADMIN_TOKEN", ADMIN);
        env.put("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("evalbot.db"));
        env.put("EVALBOT_PORT", "0");
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_CONFIG", "../config");
        env.put("EVALBOT_DATA", tmp.toString());
        env.put("EVALBOT_BOARD_DEBOUNCE_SECONDS", "0.5");
        env.put("EVALBOT_RECONCILE_MINUTES", "0");
        // Live means online: keep the registry and the trust checks off the network.
        env.put("HF_HUB_OFFLINE", "1");
        env.put("HF_ENDPOINT", "http://127.0.0.1:9");
        env.put("EVALBOT_OFFLINE", "true");
        app = EvalbotApp.start(env, Clock.systemUTC(), List.of(new GitHubModule(), new HubModule(),
                new ForgeModule(forge)));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aForgePullRequestIsReviewedCommandedAndClosedThroughTheSharedPath() throws Exception {
        assertEquals(Mode.LIVE, app.deployment().mode(ForgeEvents.FORGE));
        assertEquals(Mode.OFF, app.deployment().mode(PlatformId.GITHUB));
        assertEquals(Mode.OFF, app.deployment().mode(PlatformId.HUB));

        // Intake, inbox, review: the comment, label and status appear on the forge.
        forge.push(REPO, NUMBER, HEAD, "main", Map.of(".eval_results/hle.yaml", VALID));
        String opened = event("opened").put("head", HEAD).toString();
        assertEquals(202, post(opened, SECRET).statusCode());
        Eventually.await("the review's final status on the forge", () -> finalStatuses().size() == 1);
        assertEquals(CommitState.SUCCESS, finalStatuses().get(0).state());
        assertTrue(forge.labels(REPO, NUMBER).contains("eval/valid"), forge.labels(REPO, NUMBER).toString());
        List<ForgeRepos.Posted> comments = forge.comments(REPO, NUMBER);
        assertEquals(1, comments.size());
        String review = comments.get(0).body();
        assertTrue(review.contains(ReviewRenderer.MARKER) && review.contains("cais/hle"), review);

        // The stored review, for the admin, under Forge's id.
        HttpResponse<String> stored = get("/reviews/" + REPO + "/" + NUMBER + "?platform=forge");
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(review, stored.body());

        // The same body again: a duplicate, stored once, reviewed once.
        assertEquals(200, post(opened, SECRET).statusCode());

        // A maintainer's command: run by the forge's command engine, acknowledged on the forge.
        ObjectNode comment = event("comment");
        comment.putObject("comment").put("id", "7").put("body", "/evalbot recheck").put("author", "owner");
        assertEquals(202, post(comment.toString(), SECRET).statusCode());
        Eventually.await("the command's outcome reaction", () -> forge.reactions("7").contains(Reaction.PLUS_ONE));
        assertEquals(List.of(Reaction.EYES, Reaction.PLUS_ONE), forge.reactions("7"));
        assertEquals(1, forge.comments(REPO, NUMBER).size(), "a recheck edits the one review comment");
        JsonNode audit = json.readTree(get("/api/audit?repo=" + REPO + "&platform=forge").body());
        assertEquals("recheck", audit.at("/0/command").asText(), audit.toString());
        assertEquals("owner", audit.at("/0/actor").asText());

        // On the leaderboard, linked to the forge; closed without merge by its owner, it leaves the board.
        Eventually.await("the forge's model on the board", () -> board().at("/tasks/0/rows").size() == 1);
        assertEquals("https://forge.test/owner/name", board().at("/tasks/0/rows/0/modelUrl").asText());
        assertEquals(202, post(event("closed").put("merged", false).put("by", "owner").toString(), SECRET)
                .statusCode());
        Eventually.await("the closed PR withdrawn from the board", () -> board().at("/tasks/0/rows").size() == 0
                && board().at("/tasks/0/withdrawn").size() == 1);
        JsonNode withdrawn = board().at("/tasks/0/withdrawn/0");
        assertEquals("forge", withdrawn.get("platform").asText());
        assertEquals("owner", withdrawn.get("by").asText());
        JsonNode closeAudit = json.readTree(get("/api/audit?repo=" + REPO + "&platform=forge").body());
        assertEquals("close", closeAudit.at("/0/command").asText(), closeAudit.toString());
        assertEquals("owner", closeAudit.at("/0/actor").asText());

        assertEquals(1, forge.comments(REPO, NUMBER).size(), "one review comment from first to last");
        assertEquals(3, rows("SELECT COUNT(*) FROM deliveries WHERE platform = 'forge'"),
                "opened, the comment and the close: the duplicate was not stored");
    }

    @Test
    void aWrongSecretIsRefusedAndNothingIsStored() throws Exception {
        forge.push(REPO, NUMBER, HEAD, "main", Map.of(".eval_results/hle.yaml", VALID));
        String opened = event("opened").put("head", HEAD).toString();
        assertEquals(401, post(opened, "not-the-secret").statusCode());
        assertEquals(401, post(opened, null).statusCode());
        assertEquals(0, rows("SELECT COUNT(*) FROM deliveries"));
        assertTrue(forge.comments(REPO, NUMBER).isEmpty());
        assertTrue(forge.statuses(REPO, NUMBER).isEmpty());
    }

    /** A Forge payload about the pull request: its repository, number, base and author. */
    private ObjectNode event(String kind) {
        return json.createObjectNode().put("kind", kind).put("repo", REPO).put("number", NUMBER).put("base", "main")
                .put("author", "alice");
    }

    private List<ForgeRepos.Status> finalStatuses() {
        return forge.statuses(REPO, NUMBER).stream().filter(s -> s.state() != CommitState.PENDING).toList();
    }

    private HttpResponse<String> post(String body, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + ForgeModule.ROUTE))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header(ForgeWebhookRoute.SECRET_HEADER, secret);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode board() {
        try {
            HttpResponse<String> r = get("/api/leaderboards/cais/hle");
            return r.statusCode() == 200 ? json.readTree(r.body()) : json.createObjectNode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long rows(String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("evalbot.db"));
             var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
