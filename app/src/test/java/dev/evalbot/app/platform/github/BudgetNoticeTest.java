package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A review that must wait for GitHub's budget says so on its commit, on the share of the budget kept
 * for notices, reads nothing and goes back to the inbox until its slot; then its verdict completes
 * the same check run. The clock moves only when the test moves it.
 */
class BudgetNoticeTest {
    static final String REPO = GitHubPipelineTest.REPO;
    /** Ten writes a minute, one of them kept for notices; a review waits in its worker 30 s at most. */
    static final BudgetSettings TIGHT = new BudgetSettings(List.of(new BudgetSettings.Window(10, Duration.ofMinutes(1))),
            Duration.ofMinutes(1), Duration.ofMinutes(16), Duration.ofSeconds(30), Duration.ofSeconds(45), 0.1);

    final MutableClock clock = MutableClock.atDefaultStart();
    final ObjectMapper json = new ObjectMapper();
    FakeGitHub github;
    ReviewPipeline pipeline;
    GitHubBudget budget;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(REPO, 2);
        github.labelsExist(REPO);
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.VALID));
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

    GitHubPlatform platform(GitHubSettings settings) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        GitHubAuth auth = new GitHubAuth(settings, http, Clock.systemUTC());
        budget = new GitHubBudget(TIGHT, clock, deadline -> clock.set(deadline.isAfter(clock.instant()) ? deadline : clock.instant()), new SimpleMeterRegistry());
        return new GitHubPlatform(settings, auth, new PacedHttpClient(http, budget, auth::accountOf),
                new SimpleMeterRegistry(), clock);
    }

    /** Nine writes of other reviews a moment ago: the reviews' share of the minute is spent. */
    void spend(String account) throws Exception {
        for (int i = 0; i < 9; i++) {
            budget.acquire(account, true);
        }
    }

    int reads() {
        return github.count("GET", "/repos/" + REPO + "/pulls/2/files") + github.count("POST", "/graphql");
    }

    @Test
    void withATokenThePendingStatusSaysHowLongAndTheReviewWaitsInTheInbox() throws Exception {
        GitHubPlatform token = platform(new GitHubSettings("s3cret", "test-token", null, null, github.url(),
                "evalbot[bot]", null, BudgetSettings.DEFAULT));
        spend("token");
        PullRequestRef pr = GitHubPipelineTest.ref("pull_request.opened.json");
        PlatformException wait = assertThrows(PlatformException.class,
                () -> pipeline.review(token, ReviewRequest.of(pr).withMayRepeat(true)));
        assertTrue(wait.budgetWait(), wait.toString());
        assertTrue(!wait.notBefore().isBefore(clock.instant().plusSeconds(60)), "not before the minute is over");
        assertEquals(List.of("pending"), github.statuses());
        JsonNode status = json.readTree(github.requests("POST", "/repos/" + REPO + "/statuses/.*").get(0)
                .getBodyAsString());
        assertEquals("queued: GitHub's rate limit, about 2 min", status.path("description").asText());
        assertEquals(0, reads(), "nothing read before its turn");
        assertEquals(0, budget.left("token"), "the notice took the notices' share, not a review's");

        clock.set(wait.notBefore());
        pipeline.review(token, ReviewRequest.of(pr).withMayRepeat(true));
        assertEquals(List.of("pending", "success"), github.statuses());
    }

    @Test
    void anAppShowsItOnAQueuedCheckRunThatTheVerdictCompletes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        GitHubPlatform app = platform(new GitHubSettings("s3cret", null, "1234", pem, github.url(), "evalbot[bot]",
                null, BudgetSettings.DEFAULT));
        PullRequestRef pr = GitHubCheckRunTest.installed("pull_request.opened.json");
        app.currentHead(pr); // mints the installation's token
        spend("installation " + GitHubCheckRunTest.INSTALLATION);
        PlatformException wait = assertThrows(PlatformException.class,
                () -> pipeline.review(app, ReviewRequest.of(pr).withMayRepeat(true)));
        assertTrue(wait.budgetWait());
        List<JsonNode> runs = bodies("POST", "/repos/" + REPO + "/check-runs");
        assertEquals(1, runs.size());
        assertEquals("queued", runs.get(0).path("status").asText());
        assertTrue(runs.get(0).path("output").path("title").asText().startsWith("queued: GitHub's rate limit, about "),
                runs.get(0).toString());

        clock.set(wait.notBefore());
        pipeline.review(app, ReviewRequest.of(pr).withMayRepeat(true));
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/check-runs"), "no second run");
        List<JsonNode> completed = bodies("PATCH", "/repos/" + REPO + "/check-runs/" + FakeGitHub.CHECK_RUN_ID);
        assertEquals(1, completed.size());
        assertEquals("success", completed.get(0).path("conclusion").asText());
        assertEquals(List.of(), github.statuses());
    }

    /**
     * A burst waits in the inbox, not in the budget's line: the reviews accepted but not started count
     * in the wait, and the first that will wait at least the notice's threshold shows it, once, while
     * a review that checks the budget is running. Nine writes a minute are the reviews': this review
     * and two waiting ones fit the first minute; the fourth review waits a minute.
     */
    @Test
    void aReviewWaitingInTheInboxShowsItsWaitOnceOnTheNoticesShare() throws Exception {
        GitHubPlatform token = platform(new GitHubSettings("s3cret", "test-token", null, null, github.url(),
                "evalbot[bot]", null, BudgetSettings.DEFAULT));
        PullRequestRef pr = GitHubPipelineTest.ref("pull_request.opened.json");
        for (int n = 10; n < 12; n++) {
            token.arrived(REPO, n, "a".repeat(39) + (n - 10), null);
        }
        token.awaitWriteBudget(pr, 3);
        assertEquals(0, github.count("POST", "/repos/" + REPO + "/statuses/.*"), "no wait expected: no write");

        String late = "b".repeat(40);
        token.arrived(REPO, 12, late, null);
        token.awaitWriteBudget(pr, 3);
        List<JsonNode> posted = bodies("POST", "/repos/" + REPO + "/statuses/" + late);
        assertEquals(1, posted.size(), "the third waiting review (the fourth in line) shows its wait");
        assertEquals("pending", posted.get(0).path("state").asText());
        assertEquals("queued: GitHub's rate limit, about 2 min", posted.get(0).path("description").asText());
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/statuses/.*"), "only the one that waits long");

        token.awaitWriteBudget(pr, 3);
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/statuses/.*"), "once");

        // The notices' share is spent: a notice is not written, and nothing fails.
        token.arrived(REPO, 13, "c".repeat(40), null);
        token.awaitWriteBudget(pr, 3);
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/statuses/.*"), "the share is spent");
        assertEquals(false, budget.tryNotice("token"));

        // ... and the notice took no review's room: the reviews' nine writes of the minute go now.
        java.time.Instant before = clock.instant();
        for (int i = 0; i < 9; i++) {
            budget.acquire("token", true);
        }
        assertEquals(before, clock.instant(), "no review write waited for the notice's slot");
        assertEquals(0, budget.left("token"));
    }

    @Test
    void aReviewThatStartedIsNoLongerInLine() throws Exception {
        GitHubPlatform token = platform(new GitHubSettings("s3cret", "test-token", null, null, github.url(),
                "evalbot[bot]", null, BudgetSettings.DEFAULT));
        PullRequestRef pr = GitHubPipelineTest.ref("pull_request.opened.json");
        for (int n = 10; n < 12; n++) {
            token.arrived(REPO, n, "a".repeat(39) + (n - 10), null);
        }
        token.arrived(REPO, pr.number(), pr.headSha(), null); // the fourth in line, behind this review ...
        token.currentHead(pr); // ... starts its review before the notice
        token.awaitWriteBudget(pr, 3);
        assertEquals(0, github.count("POST", "/repos/" + REPO + "/statuses/.*"));
    }

    /** Under an App the waiting review's notice is a queued check run, which its verdict completes. */
    @Test
    void anAppsWaitingReviewShowsAQueuedRunThatItsVerdictCompletes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        GitHubPlatform app = platform(new GitHubSettings("s3cret", null, "1234", pem, github.url(), "evalbot[bot]",
                null, BudgetSettings.DEFAULT));
        long installation = GitHubCheckRunTest.INSTALLATION;
        PullRequestRef pr = GitHubCheckRunTest.installed("pull_request.opened.json");
        PullRequestRef running = new PullRequestRef(PlatformId.GITHUB, REPO, "code", 9, "d".repeat(40), null, null, null,
                java.util.Set.of(), String.valueOf(installation));
        app.arrived(REPO, 10, "a".repeat(40), installation);
        app.arrived(REPO, 11, "e".repeat(40), installation);
        app.arrived(REPO, pr.number(), pr.headSha(), installation);
        app.awaitWriteBudget(running, 3);
        List<JsonNode> runs = bodies("POST", "/repos/" + REPO + "/check-runs");
        assertEquals(1, runs.size());
        assertEquals(pr.headSha(), runs.get(0).path("head_sha").asText());
        assertEquals("queued", runs.get(0).path("status").asText());
        assertEquals(List.of(), github.statuses());

        pipeline.review(app, ReviewRequest.of(pr).withMayRepeat(true));
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/check-runs"), "no second run");
        List<JsonNode> completed = bodies("PATCH", "/repos/" + REPO + "/check-runs/" + FakeGitHub.CHECK_RUN_ID);
        assertEquals(1, completed.size());
        assertEquals("success", completed.get(0).path("conclusion").asText());
    }

    List<JsonNode> bodies(String method, String path) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (var r : github.requests(method, path)) {
            out.add(json.readTree(r.getBodyAsString()));
        }
        return out;
    }
}
