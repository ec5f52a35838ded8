package dev.evalbot.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.WebhookSignature;
import dev.evalbot.app.platform.hub.FakeHub;
import dev.evalbot.app.trust.SigningAlgorithm;
import dev.evalbot.app.trust.TokenIssuer;
import dev.evalbot.app.trust.TokenSubject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every deployment is a full deployment: the packaged jar, started with only one platform's
 * variables, with both, or with none, against a loopback fake Hub and a fake GitHub. Live, the
 * benchmark definition is read from {@code HF_ENDPOINT}, a verifyToken verifies, the leaderboard is
 * published, no example model shows, and only the live platforms' routes are served.
 */
class DeploymentsIT {
    static final String GITHUB_REPO = "Codertocat/Hello-World"; // as in pull_request.opened.json
    static final String HUB_REPO = "open-lab/gpt-small"; // as in discussion.create.pr.json
    static final String GITHUB_SECRET = "github-webhook-s3cret";
    static final String HUB_SECRET = "hub-webhook-s3cret";
    static final String BOARDS_REPO = "evalbot-boards/hle";
    /** A task only the benchmark's live eval.yaml declares, not the shipped copy. */
    static final String LIVE_TASK = "hle_live";
    static final List<String> EXAMPLE_MODELS = exampleModels();

    @TempDir
    Path tmp;
    FakeHub hub;
    FakeGitHub github;
    TokenIssuer issuer;
    Path jwks;

    @BeforeEach
    void setUp() throws Exception {
        hub = new FakeHub("model", HUB_REPO, 19);
        String evalYaml = Files.readString(Path.of("../config/benchmarks/cais/hle/eval.yaml"))
                + "  - id: " + LIVE_TASK + "\n    config: default\n    split: test\n"
                + "    field_spec: {input: question, target: answer}\n"
                + "    solvers: [{name: generate}]\n    scorers: [{name: model_graded_fact}]\n";
        hub.server().stubFor(get(urlPathMatching("/datasets/cais/hle/resolve/[^/]+/eval.yaml"))
                .willReturn(aResponse().withStatus(200).withBody(evalYaml)));
        hub.server().stubFor(post(urlPathEqualTo("/api/datasets/cais/hle/commit/main"))
                .willReturn(okJson("{\"commitOid\":\"" + "a".repeat(40) + "\"}")));
        github = new FakeGitHub(GITHUB_REPO, 2);
        github.server().stubFor(put(urlPathMatching("/repos/" + BOARDS_REPO + "/contents/.*"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
        var key = TokenIssuer.generateKey(SigningAlgorithm.EdDSA, "runner-key");
        jwks = TokenIssuer.writeKeyPair(key, tmp.resolve("keys")).publicJwks();
        issuer = new TokenIssuer(key, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        hub.close();
        github.close();
    }

    @Test
    void hubOnly() throws Exception {
        // A GitHub target too: GitHub is off here, so it is skipped with a warning and does not hold up the Hub's.
        Map<String, String> env = env("hub", "github: " + BOARDS_REPO + "\n      hub: true");
        env.putAll(hubVariables());
        try (JarServer server = JarServer.serve(tmp, env, "hub-only")) {
            assertEquals(List.of("Hub: live (HF_TOKEN, HF_WEBHOOK_SECRET)"), modes(server, "Hub"));
            assertTrue(modes(server, "GitHub").get(0).startsWith("GitHub: off ("), server.modeLines().toString());
            assertEquals(1, server.log().lines().filter(l -> l.contains("WARN") && l.contains(
                    "leaderboard of cais/hle is not published to GitHub " + BOARDS_REPO + ": GitHub is off")).count(),
                    server.log());

            reviewOnTheHub(server);
            assertPublished(() -> hub.count("POST", "/api/datasets/cais/hle/commit/main"));
            String commit = hub.requests("POST", "/api/datasets/cais/hle/commit/main").get(0).getBodyAsString();
            assertTrue(commit.lines().allMatch(l -> l.startsWith("{\"key\":")) && commit.contains("\"path\":\"leaderboard.json\""),
                    "one JSON object a line: " + commit);
            assertBoardHolds(server, HUB_REPO);
            assertEquals(404, postGitHub(server).statusCode(), "/webhooks/github is not served");
            assertEquals(0, github.count("PUT", "/repos/" + BOARDS_REPO + "/contents/.*"));
        }
        // The store now holds real results: a dry-run on it would seed made-up models next to them.
        Map<String, String> dryRun = new HashMap<>(Map.of("EVALBOT_DB", env.get("EVALBOT_DB"),
                "EVALBOT_CONFIG", env.get("EVALBOT_CONFIG"), "EVALBOT_DATA", env.get("EVALBOT_DATA"),
                "EVALBOT_HOST", "127.0.0.1"));
        Path log = tmp.resolve("refused.log");
        assertNotEquals(0, JarServer.refusedServe(tmp, dryRun, log));
        String refused = Files.readString(log);
        assertTrue(refused.contains("evalbot: dry-run refused: the store") && refused.contains("hub:" + HUB_REPO + "#19"),
                refused);
        assertFalse(refused.contains("\tat "), "no stack trace: " + refused);
    }

    @Test
    void gitHubOnly() throws Exception {
        Map<String, String> env = env("github", "github: " + BOARDS_REPO);
        env.putAll(gitHubVariables());
        try (JarServer server = JarServer.serve(tmp, env, "github-only")) {
            assertEquals(List.of("GitHub: live (GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET)"), modes(server, "GitHub"));
            assertTrue(modes(server, "Hub").get(0).startsWith("Hub: off ("), server.modeLines().toString());

            reviewOnGitHub(server);
            assertPublished(() -> github.count("PUT", "/repos/" + BOARDS_REPO + "/contents/leaderboard.json"));
            assertBoardHolds(server, GITHUB_REPO);
            assertEquals(404, postHub(server).statusCode(), "/webhooks/hub is not served");
        }
    }

    @Test
    void bothPlatformsInOneProcessShareOneStore() throws Exception {
        Map<String, String> env = env("both", "github: " + BOARDS_REPO + "\n      hub: true");
        env.putAll(gitHubVariables());
        env.putAll(hubVariables());
        try (JarServer server = JarServer.serve(tmp, env, "both")) {
            assertEquals(List.of("GitHub: live (GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET)",
                    "Hub: live (HF_TOKEN, HF_WEBHOOK_SECRET)"), server.modeLines().stream()
                    .map(l -> l.substring(l.indexOf(" - ") + 3)).toList());
            reviewOnGitHub(server);
            reviewOnTheHub(server);
            assertPublished(() -> github.count("PUT", "/repos/" + BOARDS_REPO + "/contents/leaderboard.json"));
            assertPublished(() -> hub.count("POST", "/api/datasets/cais/hle/commit/main"));
            assertBoardHolds(server, GITHUB_REPO, HUB_REPO);
        }
    }

    /** The README's quick start: no variables at all, the shipped examples, a review made from one. */
    @Test
    void noVariablesIsTheDryRunOnTheShippedExamples() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("quick-start"));
        copy(Path.of("../config"), home.resolve("config"));
        try (JarServer server = JarServer.serve(home, Map.of(), "quick-start")) {
            assertEquals(2, server.modeLines().size(), server.log());
            assertTrue(modes(server, "GitHub").get(0).startsWith("GitHub: dry-run ("), server.log());
            assertTrue(modes(server, "Hub").get(0).startsWith("Hub: off ("), server.log());
            String index = server.get("/api/leaderboards/cais/hle").body();
            assertTrue(EXAMPLE_MODELS.stream().anyMatch(index::contains), "the examples are seeded: " + index);

            Process send = JarServer.run(home, Map.of("EVALBOT_PORT", Integer.toString(server.port)),
                    home.resolve("send.log"), "send", "config/examples/github-webhooks/pull_request.opened.json");
            assertTrue(send.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, send.exitValue(), Files.readString(home.resolve("send.log")));
            Eventually.await("the dry-run review", () -> {
                try {
                    return server.get("/reviews/" + GITHUB_REPO + "/2").statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            assertTrue(server.get("/reviews/" + GITHUB_REPO + "/2").body().contains("<!-- evalbot"));
            assertEquals(404, postHub(server).statusCode(), "/webhooks/hub is not served in a dry-run");
        }
    }

    @Test
    void liveForcedWithoutCredentialsIsAOneLineError() throws Exception {
        Map<String, String> env = env("forced", "hub: true");
        env.put("EVALBOT_MODE", "live");
        Path log = tmp.resolve("forced.log");
        assertNotEquals(0, JarServer.refusedServe(tmp, env, log));
        List<String> lines = Files.readAllLines(log);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("evalbot: EVALBOT_MODE=live, but no platform has credentials"), lines.get(0));
    }

    // ---------------------------------------------------------------- the two platforms

    private void reviewOnTheHub(JarServer server) throws Exception {
        hub.files(Map.of(".eval_results/hle.yaml", results(HUB_REPO)));
        assertEquals(202, postHub(server).statusCode());
        String comment = comment("the Hub", () -> hub.requests("POST", hub.api() + "/discussions/19/comment"));
        assertVerifiedAgainstTheLiveDefinition(comment);
    }

    private void reviewOnGitHub(JarServer server) throws Exception {
        github.files(2, FakeGitHub.files(".eval_results/hle.yaml", results(GITHUB_REPO)));
        assertEquals(202, postGitHub(server).statusCode());
        String comment = comment("GitHub", () -> github.requests("POST", "/repos/" + GITHUB_REPO + "/issues/2/comments"));
        assertVerifiedAgainstTheLiveDefinition(comment);
    }

    private void assertVerifiedAgainstTheLiveDefinition(String comment) {
        assertTrue(hub.count("GET", "/datasets/cais/hle/resolve/[^/]+/eval.yaml") >= 1, "eval.yaml read from HF_ENDPOINT");
        assertFalse(comment.contains("unknown-task") || comment.contains("unknown\\-task"), comment);
        assertTrue(comment.contains("| verified"), "tier verified: " + comment);
    }

    /** A results file whose task only the live eval.yaml declares, with a token for this repository. */
    private String results(String repo) {
        String token = issuer.sign(new TokenSubject(repo, "cais/hle", LIVE_TASK, 20.9, null), Duration.ofDays(1), "runner");
        return "- dataset: {id: cais/hle, task_id: " + LIVE_TASK + "}\n  value: 20.9\n  verifyToken: " + token + "\n";
    }

    private HttpResponse<String> postHub(JarServer server) throws Exception {
        String body = Files.readString(Path.of("src/test/resources/hub-webhooks/discussion.create.pr.json"));
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/webhooks/hub")))
                .header("Content-Type", "application/json").header("X-Webhook-Secret", HUB_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> postGitHub(JarServer server) throws Exception {
        byte[] body = Files.readAllBytes(Path.of("src/test/resources/github-webhooks/pull_request.opened.json"));
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/webhooks/github")))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new WebhookSignature(GITHUB_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    // ---------------------------------------------------------------- what every live deployment shows

    private static String comment(String where, java.util.function.Supplier<List<com.github.tomakehurst.wiremock.verification.LoggedRequest>> posts) {
        Eventually.await("the review comment on " + where, Duration.ofSeconds(60), () -> !posts.get().isEmpty());
        return posts.get().get(0).getBodyAsString();
    }

    private static void assertPublished(java.util.function.IntSupplier commits) {
        Eventually.await("the leaderboard published", Duration.ofSeconds(60), () -> commits.getAsInt() >= 1);
    }

    private static void assertBoardHolds(JarServer server, String... models) throws Exception {
        Eventually.await("the leaderboard of cais/hle", () -> {
            try {
                String board = server.get("/api/leaderboards/cais/hle").body();
                return Stream.of(models).allMatch(board::contains);
            } catch (IOException e) {
                return false;
            }
        });
        String index = server.get("/api/leaderboards").body();
        String board = server.get("/api/leaderboards/cais/hle").body();
        for (String example : EXAMPLE_MODELS) {
            if (!List.of(models).contains(example)) {
                assertFalse(index.contains(example) || board.contains(example), "example model " + example + " shown");
            }
        }
    }

    // ---------------------------------------------------------------- environments

    /** What every deployment here shares; {@code publish} is the body of cais/hle's publish: mapping. */
    private Map<String, String> env(String name, String publish) throws IOException {
        Path config = tmp.resolve("config-" + name);
        copy(Path.of("../config"), config);
        Path yaml = config.resolve("evalbot.yaml");
        String text = Files.readString(yaml);
        String hle = "  cais/hle:\n    tasks:\n";
        assertTrue(text.contains(hle), "the shipped evalbot.yaml configures cais/hle");
        Files.writeString(yaml, text.replace(hle, "  cais/hle:\n    publish:\n      " + publish + "\n" + "    tasks:\n"));
        Map<String, String> env = new HashMap<>();
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve(name + ".db"));
        env.put("EVALBOT_CONFIG", config.toString());
        env.put("EVALBOT_DATA", tmp.resolve("data-" + name).toString());
        env.put("EVALBOT_BOARD_DEBOUNCE_SECONDS", "0");
        env.put("EVALBOT_VERIFY_JWKS", jwks.toString());
        env.put("HF_ENDPOINT", hub.url());
        return env;
    }

    private Map<String, String> hubVariables() {
        return Map.of("HF_TOKEN", "hf_test_token", "HF_WEBHOOK_SECRET", HUB_SECRET);
    }

    private Map<String, String> gitHubVariables() {
        return Map.of("GITHUB_TOKEN", "test-token", "GITHUB_WEBHOOK_SECRET", GITHUB_SECRET,
                "GITHUB_API_URL", github.url(), "GITHUB_BOT_LOGIN", "evalbot[bot]");
    }

    private static List<String> modes(JarServer server, String platform) {
        List<String> lines = server.modeLines().stream().map(l -> l.substring(l.indexOf(" - ") + 3))
                .filter(l -> l.startsWith(platform + ":")).toList();
        assertEquals(1, lines.size(), "one start-up line for " + platform + ": " + server.log());
        return lines;
    }

    private static List<String> exampleModels() {
        Path root = Path.of("../config/examples/models");
        try (Stream<Path> owners = Files.list(root)) {
            return owners.flatMap(o -> {
                try (Stream<Path> repos = Files.list(o)) {
                    return repos.map(r -> o.getFileName() + "/" + r.getFileName()).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
