package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewOutcome;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.check.ChangeValidator;
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
        platform = github.platform();
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        log = new MemoryReviewLog();
        pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, log, new ReportJson(new ObjectMapper()),
                ReviewPipeline.Settings.DEFAULT, ReviewListener.NONE, ModelCardListener.NONE);
        pr = ref("pull_request.opened.json");
    }

    static PullRequestRef ref(String payloadFile) throws Exception {
        String json = Files.readString(Path.of("src/test/resources/github-webhooks", payloadFile));
        GitHubEvent e = GitHubEvent.parse("pull_request", new ObjectMapper().readTree(json));
        return new PullRequestRef(PlatformId.GITHUB, e.repo(), "code", e.number(), e.headSha(), e.baseSha(), e.baseRef(),
                e.author(), e.labels(), e.installationId() == null ? null : e.installationId().toString());
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    @Test
    void validPullRequestGetsOneCommentTheValidLabelAndSuccess() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID, "README.md", "hello"));
        var outcome = assertInstanceOf(ReviewOutcome.Reviewed.class, pipeline.review(platform, ReviewRequest.of(pr)));
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
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(List.of("failure"), github.statuses());
        assertTrue(github.addedLabels().get(0).contains("eval/invalid"));
        String body = github.requests("POST", "/repos/" + REPO + "/issues/2/comments").get(0).getBodyAsString();
        assertTrue(body.contains("unknown-task"), body);
    }

    @Test
    void unchangedReviewWritesNoCommentAndAChangedOneEditsInPlace() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, ReviewRequest.of(pr));
        var again = assertInstanceOf(ReviewOutcome.Reviewed.class, pipeline.review(platform, ReviewRequest.of(pr)));
        assertTrue(!again.commentWritten());
        assertEquals(0, github.count("PATCH", ".*/issues/comments/.*"));
        assertEquals(1, github.statuses().size(), "a repeat of a finished review writes nothing at all");
        github.files(FakeGitHub.files(".eval_results/hle.yaml", INVALID));
        pipeline.review(platform, ReviewRequest.of(ref("pull_request.synchronize.json")));
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
        assertEquals(1, github.count("PATCH", ".*/issues/comments/" + FakeGitHub.COMMENT_ID));
        // eval/valid came from our own earlier review: it is removed even though the payload predates it.
        assertEquals(1, github.count("DELETE", ".*/issues/2/labels/eval%2Fvalid"));
    }

    @Test
    void crashAfterCreatingTheCommentFindsItInsteadOfPostingTwice() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, ReviewRequest.of(pr));
        // Simulate a crash between "comment created" and "id recorded": the log only knows a create began.
        var state = log.state(pr);
        log.saveState(pr, new dev.evalbot.app.review.ReviewState(null, true, null, null, null, state.labels()));
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }

    /** Counts the review log's writes. */
    static final class CountingLog implements dev.evalbot.app.review.ReviewLog {
        final MemoryReviewLog inner = new MemoryReviewLog();
        int states;
        int saves;

        @Override
        public dev.evalbot.app.review.ReviewState state(PullRequestRef pr) {
            return inner.state(pr);
        }

        @Override
        public void saveState(PullRequestRef pr, dev.evalbot.app.review.ReviewState state) {
            states++;
            inner.saveState(pr, state);
        }

        @Override
        public void saveReview(PullRequestRef pr, dev.evalbot.app.review.Review review, String md, String json) {
            throw new AssertionError("the pipeline saves state and review together");
        }

        @Override
        public void save(PullRequestRef pr, dev.evalbot.app.review.ReviewState state,
                dev.evalbot.app.review.Review review, String md, String json) {
            saves++;
            inner.saveState(pr, state);
            inner.saveReview(pr, review, md, json);
        }
    }

    ReviewPipeline pipeline(dev.evalbot.app.review.ReviewLog with) throws Exception {
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        return new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, with, new ReportJson(new ObjectMapper()),
                ReviewPipeline.Settings.DEFAULT, ReviewListener.NONE, ModelCardListener.NONE);
    }

    @Test
    void aReviewWritesItsStateOnceAndMarksACreateBeforeIt() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        CountingLog counting = new CountingLog();
        ReviewPipeline p = pipeline(counting);
        p.review(platform, ReviewRequest.of(pr));
        assertEquals(1, counting.states, "the create-pending mark");
        assertEquals(1, counting.saves);
        assertEquals(FakeGitHub.COMMENT_ID, counting.state(pr).commentId());
        p.review(platform, ReviewRequest.of(pr));
        assertEquals(1, counting.states);
        assertEquals(2, counting.saves);
    }

    @Test
    void aStatusThatFailsStillRecordsTheCommentSoTheRetryNeitherSearchesNorEdits() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        CountingLog counting = new CountingLog();
        ReviewPipeline p = pipeline(counting);
        java.util.concurrent.atomic.AtomicBoolean failStatus = new java.util.concurrent.atomic.AtomicBoolean(true);
        dev.evalbot.app.review.Platform flaky = new dev.evalbot.app.review.Platform() {
            public String name() { return platform.name(); }
            public List<dev.evalbot.app.review.ChangedPath> changedFiles(PullRequestRef r, int cap) {
                return platform.changedFiles(r, cap);
            }
            public Map<String, byte[]> read(PullRequestRef r, String rev, List<String> paths, int max) {
                return platform.read(r, rev, paths, max);
            }
            public dev.evalbot.app.event.PullHead currentHead(PullRequestRef r) {
                return platform.currentHead(r);
            }
            public java.util.Optional<String> findOwnComment(PullRequestRef r, String marker) {
                return platform.findOwnComment(r, marker);
            }
            public String createComment(PullRequestRef r, String body) { return platform.createComment(r, body); }
            public String updateComment(PullRequestRef r, String id, String body) { return platform.updateComment(r, id, body); }
            public void setLabels(PullRequestRef r, java.util.Set<String> add, java.util.Set<String> remove) {
                platform.setLabels(r, add, remove);
            }
            public void setStatus(PullRequestRef r, String sha, dev.evalbot.app.review.CommitState state,
                    String description) {
                if (failStatus.getAndSet(false)) {
                    throw new PlatformException("HTTP 502 on status", 502, true, null, null);
                }
                platform.setStatus(r, sha, state, description);
            }
            public dev.evalbot.app.review.Links links(PullRequestRef r) { return platform.links(r); }
        };
        assertThrows(PlatformException.class, () -> p.review(flaky, ReviewRequest.of(pr)));
        assertEquals(FakeGitHub.COMMENT_ID, counting.state(pr).commentId(), "recorded on the way out");
        assertEquals(1, counting.saves, "the review is recorded before the status, which goes last");

        // The handler retries it as a new attempt, which announces pending first.
        p.review(flaky, ReviewRequest.of(pr).withAnnouncePending(true));
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
        assertEquals(0, github.count("GET", "/repos/" + REPO + "/issues/2/comments"), "no search for the comment");
        assertEquals(0, github.count("PATCH", ".*/issues/comments/.*"), "the same body is not sent again");
        assertEquals(List.of("pending", "success"), github.statuses());
        assertEquals(2, counting.saves, "once per run: the retry records the same review again");
    }

    @Test
    void theCurrentHeadIsAskedWithTheETagItHoldsAndAnOlderHeadWritesNothing() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, ReviewRequest.of(pr));
        int writes = github.count("POST", ".*") + github.count("PATCH", ".*");
        PullRequestRef older = new PullRequestRef(pr.platform(), pr.repo(), pr.repoType(), pr.number(), "0".repeat(40),
                pr.baseSha(), pr.baseRef(), pr.author(), pr.labels(), pr.access());
        assertInstanceOf(ReviewOutcome.Stale.class, pipeline.review(platform, ReviewRequest.of(older)));
        assertInstanceOf(ReviewOutcome.Stale.class, pipeline.review(platform, ReviewRequest.of(older)));
        assertEquals(writes, github.count("POST", ".*") + github.count("PATCH", ".*"), "nothing written");
        var heads = github.requests("GET", "/repos/" + REPO + "/pulls/2");
        assertEquals(3, heads.size(), "one request per review");
        assertEquals(null, heads.get(0).getHeader("If-None-Match"));
        assertTrue(heads.get(2).containsHeader("If-None-Match"), "conditional on the ETag of the answer before");
        assertEquals(304, github.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/repos/" + REPO + "/pulls/2")).findFirst().orElseThrow()
                .getResponse().getStatus(), "the newest (journal lists newest first) answered 304");
    }

    @Test
    void secondaryRateLimitBecomesRetryAdviceNotASleep() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        github.failNext(1, 403, Map.of("Retry-After", "30", "X-RateLimit-Remaining", "10"));
        PlatformException e = assertThrows(PlatformException.class,
                () -> pipeline.review(platform, ReviewRequest.of(pr)));
        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.notBefore() != null && e.notBefore().isAfter(java.time.Instant.now().plusSeconds(20)), String.valueOf(e.notBefore()));
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }

    @Test
    void serverErrorIsRetryable() {
        github.files(FakeGitHub.files(".eval_results/hle.yaml", VALID));
        github.failNext(1, 502, Map.of());
        PlatformException e = assertThrows(PlatformException.class,
                () -> pipeline.review(platform, ReviewRequest.of(pr)));
        assertTrue(e.retryable());
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }
}
