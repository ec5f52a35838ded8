package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check run through a running server authenticated as a GitHub App: a signed webhook of an
 * invalid pull request with more than 50 findings, then the same event again in a new delivery.
 */
class GitHubCheckRunServerTest {
    static final String REPO = GitHubServerTest.REPO;
    static final String RUNS = "/repos/" + REPO + "/check-runs";
    static final int FINDINGS = 73;

    @TempDir
    Path tmp;
    FakeGitHub github;
    EvalbotApp app;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(REPO, 2);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> env = GitHubServerTest.env(tmp, github.url());
        env.remove("GITHUB_TOKEN");
        env.put("GITHUB_APP_ID", "1234");
        env.put("GITHUB_APP_PRIVATE_KEY", pem);
        app = EvalbotApp.start(env, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        app.close();
        github.close();
    }

    int send(byte[] body, String delivery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/github"))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", new WebhookSignature(GitHubServerTest.SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aPayloadWithoutAnInstallationIsRefusedAtIntakeSayingWhy() throws Exception {
        byte[] body = GitHubServerTest.payload("pull_request.opened.json"); // a repository webhook's: no installation
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/github"))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "repo-hook")
                .header("X-Hub-Signature-256", new WebhookSignature(GitHubServerTest.SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> refused = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode());
        assertEquals("{\"status\":400,\"message\":\"no installation in the payload: evalbot runs as a GitHub App "
                + "(GITHUB_APP_ID) and answers the App's own webhook; this one looks like a repository or organisation "
                + "webhook (remove it, or run evalbot with GITHUB_TOKEN)\"}", refused.body());
        assertEquals(Map.of(), Webhooks.states("jdbc:sqlite:" + tmp.resolve("evalbot.db")), "nothing was stored");
    }

    @Test
    void everyFindingIsAnnotatedOnItsLineAndARepeatedDeliveryWritesNoCheckRun() throws Exception {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < FINDINGS; i++) {
            file.append("- dataset: {id: cais/hle, task_id: hel}\n  value: ").append(10 + i % 50).append(".5\n");
        }
        github.files(FakeGitHub.files(".eval_results/hle.yaml", file.toString()));
        ObjectNode event = (ObjectNode) Webhooks.JSON.readTree(GitHubServerTest.payload("pull_request.opened.json"));
        event.putObject("installation").put("id", 42);
        byte[] body = Webhooks.JSON.writeValueAsBytes(event);
        String head = event.path("pull_request").path("head").path("sha").asText();

        assertEquals(202, send(body, "first"));
        String db = "jdbc:sqlite:" + tmp.resolve("evalbot.db");
        Eventually.await("the first delivery done", () -> Webhooks.states(db).getOrDefault("done", 0) == 1);
        assertEquals(List.of("failure"), github.conclusions(), "the check run carries the verdict");
        List<JsonNode> writes = new ArrayList<>();
        for (var r : github.requests("POST", RUNS)) {
            writes.add(Webhooks.JSON.readTree(r.getBodyAsString()));
        }
        for (var r : github.requests("PATCH", RUNS + "/" + FakeGitHub.CHECK_RUN_ID)) {
            writes.add(Webhooks.JSON.readTree(r.getBodyAsString()));
        }
        assertEquals(2, writes.size(), "73 annotations: a create with 50, an update with 23");
        assertEquals(head, writes.get(0).path("head_sha").asText());
        assertEquals("failure", writes.get(0).path("conclusion").asText());
        List<Integer> lines = new ArrayList<>();
        for (JsonNode w : writes) {
            w.path("output").path("annotations").forEach(a -> {
                assertEquals(".eval_results/hle.yaml", a.path("path").asText());
                assertEquals("unknown-task", a.path("title").asText());
                assertEquals(36, a.path("start_column").asInt());
                lines.add(a.path("start_line").asInt());
            });
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < FINDINGS; i++) {
            expected.add(2 * i + 1);
        }
        assertEquals(expected, lines, "every finding, on its entry's line");

        // The same event again, as a new delivery: the head is unchanged, so nothing is written.
        assertEquals(202, send(body, "second"));
        Eventually.await("both deliveries done", () -> Webhooks.states(db).getOrDefault("done", 0) == 2);
        assertEquals(1, github.count("POST", RUNS));
        assertEquals(1, github.count("PATCH", RUNS + "/.*"));
        assertEquals(List.of(), github.statuses(), "no commit status beside the check run");
        assertTrue(github.count("POST", "/app/installations/42/access_tokens") >= 1, "authenticated as the App");
    }
}
