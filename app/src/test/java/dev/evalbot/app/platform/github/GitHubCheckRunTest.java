package dev.evalbot.app.platform.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code evalbot} check run: its annotations on the findings' lines, its conclusion, and the fallback without it. */
class GitHubCheckRunTest {
    static final String REPO = GitHubPipelineTest.REPO;
    static final String RUNS = "/repos/" + REPO + "/check-runs";
    static final long INSTALLATION = 42;

    final ObjectMapper json = new ObjectMapper();
    FakeGitHub github;
    ReviewPipeline pipeline;
    GitHubPlatform app;
    GitHubPlatform tokenOnly;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(REPO, 2);
        github.labelsExist(REPO);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        var appSettings = new GitHubSettings("s3cret", null, "1234", pem, github.url(), "evalbot[bot]", null,
                BudgetSettings.DEFAULT);
        app = new GitHubPlatform(appSettings, new GitHubAuth(appSettings, http, Clock.systemUTC()), http,
                new SimpleMeterRegistry(), Clock.systemUTC());
        var tokenSettings = new GitHubSettings("s3cret", "test-token", null, null, github.url(), "evalbot[bot]", null,
                BudgetSettings.DEFAULT);
        tokenOnly = new GitHubPlatform(tokenSettings, new GitHubAuth(tokenSettings, http, Clock.systemUTC()), http,
                new SimpleMeterRegistry(), Clock.systemUTC());
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, new MemoryReviewLog(),
                new ReportJson(new ObjectMapper()), ReviewPipeline.Settings.DEFAULT,
                ReviewListener.NONE, ModelCardListener.NONE);
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    /** The pull request of a payload, as delivered to an App installation. */
    static PullRequestRef installed(String payloadFile) throws Exception {
        PullRequestRef r = GitHubPipelineTest.ref(payloadFile);
        return new PullRequestRef(r.platform(), r.repo(), r.repoType(), r.number(), r.headSha(), r.baseSha(), r.baseRef(),
                r.author(), r.labels(), String.valueOf(INSTALLATION));
    }

    /** {@code n} entries naming a task the benchmark does not have: one unknown-task error each. */
    static String badEntries(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("- dataset: {id: cais/hle, task_id: hel}\n  value: ").append(20 + i % 10).append(".5\n");
        }
        return s.toString();
    }

    List<JsonNode> bodies(String method, String path) {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : github.requests(method, path)) {
            try {
                out.add(json.readTree(r.getBodyAsString()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /**
     * Requests a review makes. Not counted: the installation token (minted once an hour) and the
     * listing of the repository's labels (once per repository every 12 hours, to create missing ones).
     */
    /** The request that learns the pull request's current head before a review (see ReviewPipeline). */
    int headRequests() {
        return github.count("GET", "/repos/" + REPO + "/pulls/2");
    }

    int reviewRequests() {
        return (int) github.server().getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getUrl().startsWith("/app/"))
                .filter(e -> !(e.getRequest().getMethod().getName().equals("GET")
                        && e.getRequest().getUrl().startsWith("/repos/" + REPO + "/labels")))
                .count();
    }

    @Test
    void everyFindingOfAnInvalidPullRequestIsAnnotatedOnItsLineInBatchesOfFifty() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", badEntries(120)));
        PullRequestRef pr = installed("pull_request.opened.json");
        pipeline.review(app, ReviewRequest.of(pr));

        List<JsonNode> creates = bodies("POST", RUNS);
        List<JsonNode> updates = bodies("PATCH", RUNS + "/" + FakeGitHub.CHECK_RUN_ID);
        assertEquals(1, creates.size());
        assertEquals(2, updates.size(), "120 annotations: 50 with the create, then 50 and 20");
        JsonNode create = creates.get(0);
        assertEquals("evalbot", create.path("name").asText());
        assertEquals(pr.headSha(), create.path("head_sha").asText());
        assertEquals("completed", create.path("status").asText());
        assertEquals("failure", create.path("conclusion").asText());
        assertTrue(create.path("output").path("title").asText().contains("120 errors"), create.toString());

        List<JsonNode> annotations = new ArrayList<>();
        for (JsonNode body : List.of(create, updates.get(0), updates.get(1))) {
            assertTrue(body.path("output").path("annotations").size() <= 50);
            body.path("output").path("annotations").forEach(annotations::add);
        }
        assertEquals(120, annotations.size(), "every finding is sent");
        for (int i = 0; i < 120; i++) {
            JsonNode a = annotations.get(i);
            assertEquals(".eval_results/hle.yaml", a.path("path").asText());
            // entry i starts on line 2i+1; its task_id "hel" stands at column 35 of that line
            assertEquals(2 * i + 1, a.path("start_line").asInt(), a.toString());
            assertEquals(2 * i + 1, a.path("end_line").asInt());
            assertEquals("- dataset: {id: cais/hle, task_id: ".length() + 1, a.path("start_column").asInt(), a.toString());
            assertEquals("failure", a.path("annotation_level").asText());
            assertEquals("unknown-task", a.path("title").asText());
            assertTrue(a.path("message").asText().contains("hel"), a.toString());
        }
        // The check run carries the verdict: no commit status beside it, and the run is the review's last write.
        assertEquals(List.of(), github.statuses());
        var events = github.server().getAllServeEvents(); // newest first
        assertTrue(events.get(0).getRequest().getUrl().contains("/check-runs"), "the check run is the review's last write");
    }

    @Test
    void aRepeatedDeliveryOfAnUnchangedHeadWritesNoCheckRun() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", badEntries(60)));
        PullRequestRef pr = installed("pull_request.opened.json");
        pipeline.review(app, ReviewRequest.of(pr));
        int before = reviewRequests();
        pipeline.review(app, ReviewRequest.of(pr));
        assertEquals(1, github.count("POST", RUNS));
        assertEquals(1, github.count("PATCH", RUNS + "/.*"));
        assertEquals(0, github.statuses().size());
        assertEquals(3, reviewRequests() - before,
                "the repeat asks for the current head, reads the files and writes nothing");
    }

    @Test
    void aReviewOfUpToFiftyFindingsTakesAtMostFiveRequests() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", badEntries(50)));
        pipeline.review(app, ReviewRequest.of(installed("pull_request.opened.json")));
        assertEquals(1, github.count("POST", RUNS));
        assertEquals(0, github.count("PATCH", RUNS + "/.*"));
        assertEquals(50, bodies("POST", RUNS).get(0).path("output").path("annotations").size());
        // Five for the review itself, and the one request that learns the current head first.
        assertEquals(1, headRequests());
        assertTrue(reviewRequests() - headRequests() <= 5, "files, contents, comment, labels, check run: "
                + github.server().getAllServeEvents().stream().map(e -> e.getRequest().getMethod() + " "
                        + e.getRequest().getUrl()).toList());
    }

    @Test
    void warningsOnlyAreNeutralAndAValidChangeIsSuccess() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml",
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  colour: blue\n"));
        pipeline.review(app, ReviewRequest.of(installed("pull_request.opened.json")));
        JsonNode create = bodies("POST", RUNS).get(0);
        assertEquals("neutral", create.path("conclusion").asText());
        JsonNode a = create.path("output").path("annotations").get(0);
        assertEquals("warning", a.path("annotation_level").asText());
        assertEquals("unknown-key", a.path("title").asText());
        assertEquals(3, a.path("start_line").asInt());

        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.VALID));
        pipeline.review(app, ReviewRequest.of(installed("pull_request.synchronize.json")));
        JsonNode second = bodies("POST", RUNS).get(1);
        assertEquals("success", second.path("conclusion").asText());
        assertEquals(0, second.path("output").path("annotations").size());
    }

    @Test
    void withoutChecksPermissionTheStatusAloneAndTheRefusalIsRemembered() throws Exception {
        github.server().stubFor(post(urlPathEqualTo(RUNS)).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.INVALID));
        pipeline.review(app, ReviewRequest.of(installed("pull_request.opened.json")));
        assertEquals(List.of("failure"), github.statuses(), "the review completes with its status");
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.VALID));
        pipeline.review(app, ReviewRequest.of(installed("pull_request.synchronize.json")));
        assertEquals(List.of("failure", "success"), github.statuses());
        assertEquals(1, github.count("POST", RUNS), "the 403 is not retried on every review");
    }

    @Test
    void aCheckRunGitHubRejectsDoesNotCostTheStatusButAServerErrorRetriesTheReview() throws Exception {
        github.server().stubFor(post(urlPathEqualTo(RUNS)).atPriority(1).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Validation Failed\"}")));
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.INVALID));
        pipeline.review(app, ReviewRequest.of(installed("pull_request.opened.json")));
        assertEquals(List.of("failure"), github.statuses(), "a rejected run: the status carries the verdict");

        github.server().stubFor(post(urlPathEqualTo(RUNS)).atPriority(1).willReturn(aResponse().withStatus(502)));
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.VALID));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.evalbot.app.review.PlatformException.class,
                () -> pipeline.review(app, ReviewRequest.of(installed("pull_request.synchronize.json"))));
        assertTrue(e.retryable(), e.getMessage());
        assertEquals(List.of("failure"), github.statuses(), "no status before the check run is written");
    }

    @Test
    void aPlainTokenNeverTriesACheckRun() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.INVALID));
        pipeline.review(tokenOnly, ReviewRequest.of(GitHubPipelineTest.ref("pull_request.opened.json")));
        assertEquals(List.of("failure"), github.statuses());
        assertEquals(0, github.count("POST", RUNS));
    }
}
