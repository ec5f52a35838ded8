package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path through a running server: signed webhook, inbox, worker, fake GitHub. */
class GitHubServerTest {
    static final String REPO = "Codertocat/Hello-World";
    static final String SECRET = "it's a secret to everybody";
    static final String VALID = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n";
    static final String INVALID = "- dataset: {id: cais/hle, task_id: hel}\n  value: 20.9\n";

    @TempDir
    Path tmp;
    FakeGitHub github;
    EvalbotApp app;
    final HttpClient http = HttpClient.newHttpClient();

    static Map<String, String> env(Path tmp, String apiUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", "test-token");
        env.put("GITHUB_API_URL", apiUrl);
        env.put("GITHUB_WEBHOOK_SECRET", SECRET);
        env.put("GITHUB_BOT_LOGIN", "evalbot[bot]");
        env.put("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("evalbot.db"));
        env.put("EVALBOT_PORT", "0");
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_CONFIG", "../config");
        env.put("EVALBOT_DATA", tmp.toString());
        env.put("HF_HUB_OFFLINE", "1");
        return env;
    }

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(REPO, 2);
        app = EvalbotApp.start(env(tmp, github.url()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        app.close();
        github.close();
    }

    static byte[] payload(String name) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/github-webhooks", name));
    }

    HttpResponse<String> send(String event, byte[] body, String delivery, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/github"))
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String event, String file) throws Exception {
        byte[] body = payload(file);
        return send(event, body, UUID.randomUUID().toString(), new WebhookSignature(SECRET).sign(body));
    }

    /** Waits for {@code n} final (not pending) statuses: a retried review first says "pending". */
    void awaitStatuses(int n) {
        Eventually.await(n + " final statuses", () -> finalStatuses().size() >= n);
    }

    java.util.List<String> finalStatuses() {
        return github.statuses().stream().filter(s -> !s.equals("pending")).toList();
    }

    @Test
    void validPullRequestGetsOneCommentValidLabelAndSuccess() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        assertEquals(202, send("pull_request", "pull_request.opened.json").statusCode());
        awaitStatuses(1);
        assertEquals(1, github.count("POST", ".*/issues/2/comments"));
        assertTrue(github.addedLabels().get(0).contains("eval/valid"));
        assertEquals("success", finalStatuses().get(0));
    }

    @Test
    void invalidPullRequestGetsFindingsInvalidLabelAndFailureThenSynchronizeEditsTheSameComment() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", INVALID));
        send("pull_request", "pull_request.opened.json");
        awaitStatuses(1);
        assertEquals("failure", finalStatuses().get(0));
        assertTrue(github.addedLabels().get(0).contains("eval/invalid"));
        String body = github.requests("POST", ".*/issues/2/comments").get(0).getBodyAsString();
        assertTrue(body.contains("unknown-task"), body);
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        // New content comes with a new head (the same head is answered by its finished review).
        github.push(REPO, 2, "1".repeat(40));
        send("pull_request", "pull_request.synchronize.json");
        awaitStatuses(2);
        assertEquals("success", finalStatuses().get(1));
        assertEquals(1, github.count("POST", ".*/issues/2/comments"));
        assertEquals(1, github.count("PATCH", ".*/issues/comments/.*"));
    }

    @Test
    void forgedOrMissingSignatureIsRefusedAndNothingHappens() throws Exception {
        byte[] body = payload("pull_request.opened.json");
        assertEquals(401, send("pull_request", body, "d-1", new WebhookSignature("wrong").sign(body)).statusCode());
        assertEquals(401, send("pull_request", body, "d-2", null).statusCode());
        assertEquals(401, send("pull_request", body, "d-3", "sha256=00").statusCode());
        // Signed for the body, then the body is changed in flight.
        byte[] tampered = body.clone();
        tampered[10] ^= 1;
        assertEquals(401, send("pull_request", tampered, "d-4", new WebhookSignature(SECRET).sign(body)).statusCode());
        assertEquals(0, github.server().getAllServeEvents().size());
    }

    @Test
    void duplicateDeliveryIsANoOp() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        byte[] body = payload("pull_request.opened.json");
        String sig = new WebhookSignature(SECRET).sign(body);
        assertEquals(202, send("pull_request", body, "same-id", sig).statusCode());
        assertEquals(200, send("pull_request", body, "same-id", sig).statusCode());
        awaitStatuses(1);
        // A later, different delivery proves the worker went past the duplicate without acting on it.
        send("ping", "ping.json");
        assertEquals(1, github.count("POST", ".*/issues/2/comments"));
        assertEquals(1, github.statuses().size());
    }

    @Test
    void badGatewayThenSuccessEndsInExactlyOneComment() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        github.failNext(2, 502, Map.of());
        send("pull_request", "pull_request.opened.json");
        awaitStatuses(1);
        assertEquals(1, github.count("POST", ".*/issues/2/comments"));
        assertEquals(java.util.List.of("success"), finalStatuses());
        assertTrue(github.statuses().contains("pending"), "a retried review says pending first");
    }

    @Test
    void labelsCreatedMeanwhileByAnotherReplicaDoNotFailTheReview() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        // The listing shows no labels, but eval/valid exists by the time evalbot creates it: 422.
        github.server().setScenarioState("label-" + REPO + "-eval/valid", "exists");
        send("pull_request", "pull_request.opened.json");
        awaitStatuses(1);
        assertEquals(java.util.List.of("success"), finalStatuses());
        assertEquals(1, github.requests("POST", "/repos/" + REPO + "/labels").stream()
                .filter(r -> r.getBodyAsString().contains("\"eval/valid\"")).count());
        assertTrue(github.addedLabels().get(0).contains("eval/valid"));
    }

    /**
     * Found by WebhookFuzzTest: signed, routable, but a string field holds an object. github-api
     * could not bind such a payload, which was retried for minutes until it failed at once. The
     * review now binds only what its calls read (repository and number, checked at intake), so a
     * malformed field it does not use no longer stops the review: reviewed once, never retried.
     */
    @Test
    void aPayloadFieldGitHubApiCannotBindDoesNotStopTheReview() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                Webhooks.JSON.readTree(payload("pull_request.opened.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("pull_request").path("user")).putObject("login");
        byte[] body = Webhooks.JSON.writeValueAsBytes(root);
        assertEquals(202, send("pull_request", body, "unbindable", new WebhookSignature(SECRET).sign(body)).statusCode());
        awaitStatuses(1);
        assertEquals(java.util.List.of("success"), finalStatuses());
        String db = "jdbc:sqlite:" + tmp.resolve("evalbot.db");
        try (var c = java.sql.DriverManager.getConnection(db); var s = c.createStatement();
             var rs = s.executeQuery("SELECT attempts FROM deliveries WHERE delivery_key = 'unbindable'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1), "reviewed at the first attempt");
        }
    }

    @Test
    void secondaryRateLimitWithRetryAfterIsHonouredAndEndsInExactlyOneComment() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        github.failNext(1, 403, Map.of("Retry-After", "1", "Content-Type", "application/json"));
        long sent = System.currentTimeMillis();
        send("pull_request", "pull_request.opened.json");
        awaitStatuses(1);
        var requests = github.server().getAllServeEvents();
        long first = requests.stream().mapToLong(e -> e.getRequest().getLoggedDate().getTime()).min().orElseThrow();
        long retried = requests.stream().filter(e -> e.getResponse().getStatus() != 403)
                .mapToLong(e -> e.getRequest().getLoggedDate().getTime()).min().orElseThrow();
        assertTrue(retried - first >= 1000, "retried after " + (retried - first) + " ms, before Retry-After");
        assertTrue(first >= sent - 1000);
        assertEquals(1, github.count("POST", ".*/issues/2/comments"));
    }

    @Test
    void pingUnusedEventsOversizeAndHealth() throws Exception {
        assertEquals(200, send("ping", "ping.json").statusCode());
        assertEquals(202, send("pull_request", "pull_request.labeled.json").statusCode());
        assertEquals(202, send("installation", "installation.created.json").statusCode());
        byte[] huge = new byte[ServerSettings.MAX_BODY_BYTES + 1];
        assertEquals(413, send("pull_request", huge, "big", new WebhookSignature(SECRET).sign(huge)).statusCode());
        var base = "http://127.0.0.1:" + app.port();
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("evalbot_webhooks_total"), metrics);
        assertEquals(0, github.server().getAllServeEvents().size());
    }
}
