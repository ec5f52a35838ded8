package dev.evalbot.app.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull requests opened and merged through the fake GitHub move the leaderboard, once per debounce window. */
class LeaderboardServerTest {
    static final String REPO = "Codertocat/Hello-World";
    static final String BOARD_REPO = "Codertocat/hle-board";

    @TempDir
    Path tmp;
    FakeGitHub github;
    EvalbotApp app;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(REPO, 2);
        github.server().stubFor(get(urlPathEqualTo("/repos/" + BOARD_REPO + "/contents/leaderboard.json"))
                .willReturn(aResponse().withStatus(404)));
        github.server().stubFor(get(urlPathEqualTo("/repos/" + BOARD_REPO + "/contents/LEADERBOARD.md"))
                .willReturn(aResponse().withStatus(404)));
        github.server().stubFor(put(urlPathEqualTo("/repos/" + BOARD_REPO + "/contents/leaderboard.json"))
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        github.server().stubFor(put(urlPathEqualTo("/repos/" + BOARD_REPO + "/contents/LEADERBOARD.md"))
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        Path config = copyConfig();
        Files.writeString(config.resolve("evalbot.yaml"), Files.readString(config.resolve("evalbot.yaml"))
                .replace("  cais/hle:\n    tasks:\n", "  cais/hle:\n    publish: {github: " + BOARD_REPO + "}\n    tasks:\n"));
        Map<String, String> env = GitHubServerTest.env(tmp, github.url());
        env.put("EVALBOT_CONFIG", config.toString());
        env.put("EVALBOT_BOARD_DEBOUNCE_SECONDS", "0.5");
        app = EvalbotApp.start(env, Clock.systemUTC());
    }

    private Path copyConfig() throws Exception {
        Path source = Path.of("../config");
        Path target = tmp.resolve("config");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }

    @AfterEach
    void stop() {
        app.close();
        github.close();
    }

    private void send(String file, boolean merged) throws Exception {
        ObjectNode root = (ObjectNode) json.readTree(Path.of("src/test/resources/github-webhooks", file).toFile());
        if (merged) {
            ((ObjectNode) root.get("pull_request")).put("merged", true);
        }
        byte[] body = json.writeValueAsBytes(root);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/webhooks/github")).header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new WebhookSignature(GitHubServerTest.SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
    }

    private double handledDeliveries() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            // A delivery of a head that is still waiting is coalesced into it: handled with it, never claimed.
            return metrics.lines().filter(l -> l.startsWith("evalbot_deliveries_completed_total{platform=\"github\"}")
                            || l.startsWith("evalbot_deliveries_coalesced_total{platform=\"github\"}"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private String tierOf(String model) {
        return app.boards().leaderboard("cais/hle").flatMap(b -> b.task("hle"))
                .flatMap(t -> t.rows().stream().filter(r -> r.modelRepo().equals(model)).findFirst())
                .map(r -> r.best().tier().label()).orElse("none");
    }

    @Test
    void openThenMergeMovesTheBoardOncePerWindowAndPublishesOnlyChanges() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", "- dataset: {id: cais/hle, task_id: hle}\n  value: 22.5\n"));
        long before = app.boards().refreshCount();
        send("pull_request.opened.json", false);
        send("pull_request.synchronize.json", false);
        Eventually.await("the opened PR on the board", () -> tierOf(REPO).equals("community"));
        // The second delivery repeats the first (same head, same files): reviewed again, it writes nothing
        // to GitHub; arriving while the first still waits, it is coalesced into it.
        Eventually.await("both deliveries handled", () -> handledDeliveries() >= 2);
        Eventually.await("refresh settled", () -> app.boards().refreshCount() > before);
        long afterOpen = app.boards().refreshCount();
        assertEquals(1, afterOpen - before, "two changes inside one window refresh once");
        Eventually.await("published", () -> github.count("PUT", "/repos/" + BOARD_REPO + "/contents/.*") == 2);
        github.requests("PUT", "/repos/" + BOARD_REPO + "/contents/.*").forEach(put -> assertEquals(
                "application/json", put.getHeader("Content-Type"), "the contents API's PUT says its body is JSON"));

        send("pull_request.closed.json", true);
        Eventually.await("merged results count as the author's", () -> tierOf(REPO).equals("author"));
        Eventually.await("published again", () -> github.count("PUT", "/repos/" + BOARD_REPO + "/contents/.*") == 4);

        // /evalbot refresh-like: a refresh with nothing new publishes nothing.
        app.boards().refreshNow("cais/hle");
        long n = app.boards().refreshCount();
        Eventually.await("the forced refresh ran", () -> app.boards().refreshCount() > n);
        assertEquals(4, github.count("PUT", "/repos/" + BOARD_REPO + "/contents/.*"), "no commit without a change");

        String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/leaderboards/cais/hle")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains(REPO) && page.contains("22.5"), page);
    }

    private com.fasterxml.jackson.databind.JsonNode api() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/api/leaderboards/cais/hle")).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? json.readTree(r.body()) : json.createObjectNode();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPullRequestClosedByTheModelsOwnerIsListedAsWithdrawnWithFacets() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", "- dataset: {id: cais/hle, task_id: hle}\n"
                + "  value: 22.5\n  notes: no tools, 3-shot via Together, T=0.6\n"));
        send("pull_request.opened.json", false);
        Eventually.await("the opened PR on the board", () -> tierOf(REPO).equals("community"));
        var best = api().at("/tasks/0/rows/0/best");
        assertEquals("{\"tools\":false,\"chainOfThought\":null,\"shots\":3,\"provider\":\"together\","
                + "\"temperature\":0.6}", best.get("facets").toString(), "providers from the shipped config");
        assertEquals("https://github.com/Codertocat/Hello-World", api().at("/tasks/0/rows/0/modelUrl").asText());

        // The same close, but by the repository's owner rather than the PR's submitter.
        ObjectNode root = (ObjectNode) json.readTree(Path.of("src/test/resources/github-webhooks",
                "pull_request.closed.json").toFile());
        ((ObjectNode) root.get("sender")).put("login", "hello-world-owner");
        Path closed = tmp.resolve("closed-by-owner.json");
        json.writeValue(closed.toFile(), root);
        byte[] body = Files.readAllBytes(closed);
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/github"))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new WebhookSignature(GitHubServerTest.SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        Eventually.await("the closed PR left the board", () -> tierOf(REPO).equals("none")
                && api().at("/tasks/0/withdrawn").size() == 1);

        var task = api().at("/tasks/0");
        assertEquals(0, task.get("rows").size(), "a withdrawn report is not ranked");
        assertEquals(1, task.get("excluded").asInt());
        var w = task.get("withdrawn").get(0);
        java.util.List<String> fields = new java.util.ArrayList<>();
        w.fieldNames().forEachRemaining(fields::add);
        assertEquals(java.util.List.of("model", "platform", "kind", "by", "closedBy", "at", "reason", "report"), fields);
        assertEquals(REPO, w.get("model").asText());
        assertEquals("closed", w.get("kind").asText());
        assertEquals("hello-world-owner", w.get("by").asText());
        assertEquals("owner", w.get("closedBy").asText(), "closed by someone other than its submitter");
        assertEquals(22.5, w.at("/report/value").asDouble());
        assertEquals("closed", w.at("/report/pr/state").asText());
        assertEquals("together", w.at("/report/facets/provider").asText());

        String page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/leaderboards/cais/hle")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(page.contains("PR closed by the model&#39;s owner, not its submitter (PR #2)"), page);
    }
}
