package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.platform.PlatformException;
import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewOutcome;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.server.github.GitHubEvent;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubPipelineTest {
    static final String REPO = "Codertocat/Hello-World";
    static final String VALID = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  notes: \"<script>alert(1)</script> @octocat\"\n";
    static final String INVALID = "- dataset: {id: cais/hle, task_id: hel}\n  value: 20.9\n";

    FakeGitHub github;
    GitHubPlatform platform;
    MemoryReviewLog log;
    ReviewPipeline pipeline;
    PullRequestRef pr;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(REPO, 2);
        var settings = new GitHubSettings("s3cret", "test-token", null, null, github.url(), "evalbot[bot]", null);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        platform = new GitHubPlatform(settings, new GitHubAuth(settings, http, Clock.systemUTC()), http,
                new SimpleMeterRegistry(), Clock.systemUTC());
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        log = new MemoryReviewLog();
        pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, log, new ReportJson(new ObjectMapper()),
                ReviewPipeline.Settings.DEFAULT);
        pr = ref("pull_request.opened.json");
    }

    static PullRequestRef ref(String payloadFile) throws Exception {
        String json = Files.readString(Path.of("src/test/resources/github-webhooks", payloadFile));
        GitHubEvent e = GitHubEvent.parse("pull_request", new ObjectMapper().readTree(json));
        return new PullRequestRef("github", e.repo(), "code", e.number(), e.headSha(), e.baseSha(), e.baseRef(),
                e.author(), e.labels(), new GitHubPayload("pull_request", json, e.installationId()));
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    @Test
    void validPullRequestGetsOneCommentTheValidLabelAndSuccess() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID, "README.md", "hello"));
        var outcome = assertInstanceOf(ReviewOutcome.Reviewed.class, pipeline.review(platform, pr, List.of(), false, false, false));
        assertTrue(outcome.commentWritten());
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
        assertEquals(List.of("success"), github.statuses());
        assertTrue(github.addedLabels().get(0).contains("eval/valid"), github.addedLabels().toString());
        String body = github.requests("POST", "/repos/" + REPO + "/issues/2/comments").get(0).getBodyAsString();
        assertTrue(body.contains("<!-- evalbot:review -->"), body);
        assertTrue(!body.contains("<script>") && body.contains("&lt;script&gt;"), body);
        assertTrue(!body.contains("@octocat"), body);
        // Reads: list files + one GraphQL query for every file; writes: comment, labels (+ creation once), status.
        assertEquals(1, github.count("GET", ".*/pulls/2/files"));
        assertEquals(1, github.count("POST", "/graphql"));
    }

    @Test
    void invalidPullRequestGetsFindingsInvalidLabelAndFailure() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", INVALID));
        pipeline.review(platform, pr, List.of(), false, false, false);
        assertEquals(List.of("failure"), github.statuses());
        assertTrue(github.addedLabels().get(0).contains("eval/invalid"));
        String body = github.requests("POST", "/repos/" + REPO + "/issues/2/comments").get(0).getBodyAsString();
        assertTrue(body.contains("unknown-task"), body);
    }

    @Test
    void unchangedReviewWritesNoCommentAndAChangedOneEditsInPlace() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, pr, List.of(), false, false, false);
        var again = assertInstanceOf(ReviewOutcome.Reviewed.class, pipeline.review(platform, pr, List.of(), false, false, false));
        assertTrue(!again.commentWritten());
        assertEquals(0, github.count("PATCH", ".*/issues/comments/.*"));
        github.files(FakeGitHub.files(".eval_results/hle.yaml", INVALID));
        pipeline.review(platform, ref("pull_request.synchronize.json"), List.of(), false, false, false);
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
        assertEquals(1, github.count("PATCH", ".*/issues/comments/" + FakeGitHub.COMMENT_ID));
        // eval/valid came from our own earlier review: it is removed even though the payload predates it.
        assertEquals(1, github.count("DELETE", ".*/issues/2/labels/eval%2Fvalid"));
    }

    @Test
    void crashAfterCreatingTheCommentFindsItInsteadOfPostingTwice() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, pr, List.of(), false, false, false);
        // Simulate a crash between "comment created" and "id recorded": the log only knows a create began.
        var state = log.state(pr);
        log.saveState(pr, new dev.evalbot.app.review.ReviewState(null, true, null, null, null, state.labels()));
        pipeline.review(platform, pr, List.of(), false, false, false);
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }

    @Test
    void secondaryRateLimitBecomesRetryAdviceNotASleep() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        github.failNext(1, 403, Map.of("Retry-After", "30", "X-RateLimit-Remaining", "10"));
        PlatformException e = assertThrows(PlatformException.class,
                () -> pipeline.review(platform, pr, List.of(), false, false, false));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.notBefore() != null && e.notBefore().isAfter(java.time.Instant.now().plusSeconds(20)), String.valueOf(e.notBefore()));
        pipeline.review(platform, pr, List.of(), false, false, false);
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }

    @Test
    void serverErrorIsRetryable() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        github.failNext(1, 502, Map.of());
        PlatformException e = assertThrows(PlatformException.class,
                () -> pipeline.review(platform, pr, List.of(), false, false, false));
        assertTrue(e.retryable());
        pipeline.review(platform, pr, List.of(), false, false, false);
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }
}
