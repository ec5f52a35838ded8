package dev.evalbot.app.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.WebhookSignature;
import dev.evalbot.app.trust.SigningAlgorithm;
import dev.evalbot.app.trust.TokenIssuer;
import dev.evalbot.app.trust.TokenSubject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, sources and known values, through a running server with a real key set and a loopback source. */
class TrustServerTest {
    static final String REPO = "Codertocat/Hello-World";

    @TempDir
    Path tmp;
    FakeGitHub github;
    EvalbotApp app;
    TokenIssuer issuer;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(REPO, 2, 3);
        github.server().stubFor(head(urlPathEqualTo("/paper")).willReturn(aResponse().withStatus(200)));
        var key = TokenIssuer.generateKey(SigningAlgorithm.EdDSA, "test-key");
        var files = TokenIssuer.writeKeyPair(key, tmp.resolve("keys"));
        issuer = new TokenIssuer(key, Clock.systemUTC());
        Map<String, String> env = GitHubServerTest.env(tmp, github.url());
        env.put("EVALBOT_VERIFY_JWKS", tmp.resolve("keys").resolve(TokenIssuer.PUBLIC_JWKS_FILE).toString());
        env.put("EVALBOT_SOURCE_ALLOW_HOSTS", "127.0.0.1:" + github.server().port());
        app = EvalbotApp.start(env, Clock.systemUTC());
        assertTrue(Files.exists(files.publicJwks()));
    }

    @AfterEach
    void stop() {
        app.close();
        github.close();
    }

    private void open(int number) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                Path.of("src/test/resources/github-webhooks/pull_request.opened.json").toFile());
        root.put("number", number);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("pull_request")).put("number", number);
        byte[] body = json.writeValueAsBytes(root);
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/github"))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new WebhookSignature(GitHubServerTest.SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String comment(int number) {
        Eventually.await("comment on #" + number, () -> github.count("POST", ".*/issues/" + number + "/comments") == 1);
        return github.requests("POST", ".*/issues/" + number + "/comments").get(0).getBodyAsString();
    }

    @Test
    void validTokenMakesTheEntryVerifiedAndAReachableSourceSaysSo() throws Exception {
        String token = issuer.sign(new TokenSubject(REPO, "cais/hle", "hle", 20.9, null), Duration.ofDays(1), "runner");
        github.files(2, FakeGitHub.files(".eval_results/hle.yaml", "- dataset: {id: cais/hle, task_id: hle}\n"
                + "  value: 20.9\n  verifyToken: " + token + "\n  source: {url: " + github.url() + "/paper}\n"));
        open(2);
        String body = comment(2);
        assertTrue(body.contains("| verified"), body);
        assertTrue(body.contains("reachable"), body);
        Eventually.await("labels", () -> !github.addedLabels().isEmpty());
        assertTrue(github.addedLabels().get(0).contains("eval/verified"), github.addedLabels().toString());
    }

    @Test
    void tokenForAnotherValueIsUnverifiedWithItsReasonButNotAnError() throws Exception {
        String token = issuer.sign(new TokenSubject(REPO, "cais/hle", "hle", 21.3, null), Duration.ofDays(1), null);
        github.files(2, FakeGitHub.files(".eval_results/hle.yaml", "- dataset: {id: cais/hle, task_id: hle}\n"
                + "  value: 20.9\n  verifyToken: " + token + "\n"));
        open(2);
        String body = comment(2);
        assertTrue(body.contains("token\\-unverified") || body.contains("token-unverified"), body);
        assertTrue(body.contains("in the file") && body.contains("21") && body.contains("in the token"), body);
        Eventually.await("status", () -> !github.statuses().isEmpty());
        assertEquals("success", github.statuses().get(0));
        assertTrue(github.addedLabels().get(0).contains("eval/unverified"), github.addedLabels().toString());
    }

    @Test
    void sourceOnLoopbackWithoutAllowanceIsRefusedAsUnsafe() throws Exception {
        github.files(2, FakeGitHub.files(".eval_results/hle.yaml", "- dataset: {id: cais/hle, task_id: hle}\n"
                + "  value: 20.9\n  source: {url: https://127.0.0.1:1/x}\n"));
        open(2);
        String body = comment(2);
        assertTrue(body.contains("source\\-unsafe") || body.contains("source-unsafe"), body);
        Eventually.await("status", () -> !github.statuses().isEmpty());
        assertEquals("failure", github.statuses().get(0));
    }

    @Test
    void aValueFarFromWhatIsKnownForTheModelIsAWarningShowingBoth() throws Exception {
        github.files(2, FakeGitHub.files(".eval_results/hle.yaml",
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  notes: no-tools\n"));
        open(2);
        comment(2);
        Eventually.await("PR 2 complete", () -> !github.statuses().isEmpty());
        github.files(3, FakeGitHub.files(".eval_results/hle2.yaml",
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 35.0\n  notes: with tools\n"));
        open(3);
        String body = comment(3);
        assertTrue(body.contains("value\\-deviates") || body.contains("value-deviates"), body);
        assertTrue(body.contains("20") && body.contains("no") && body.contains("tools"), body);
    }
}
