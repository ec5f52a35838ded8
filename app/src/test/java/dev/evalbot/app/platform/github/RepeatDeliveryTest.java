package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewOutcome;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.check.ChangeValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery of a head whose review finished stops after learning the current head: one request
 * (the conditional head, answered 304), nothing read, nothing written. Everything that may change
 * the outcome makes it review in full.
 */
class RepeatDeliveryTest {
    static final String REPO = GitHubPipelineTest.REPO;

    FakeGitHub github;
    GitHubPlatform platform;
    LocalConfig config;
    MemoryReviewLog log;
    AtomicInteger recorded;
    ReviewPipeline pipeline;
    PullRequestRef pr;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(REPO, 2);
        platform = github.platform();
        config = LocalConfig.load(Path.of("../config"), null);
        log = new MemoryReviewLog();
        recorded = new AtomicInteger();
        pipeline = pipeline(new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()));
        pr = GitHubPipelineTest.ref("pull_request.opened.json");
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.VALID));
    }

    /** A pipeline over the same log, whose reviews the counter sees (the leaderboards' recorder in the app). */
    private ReviewPipeline pipeline(ChangeValidator validator) {
        return new ReviewPipeline(() -> validator, config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, log,
                new ReportJson(new ObjectMapper()), ReviewPipeline.Settings.DEFAULT,
                (ref, review) -> recorded.incrementAndGet(), ModelCardListener.NONE);
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    private ReviewOutcome redeliver(List<String> history, boolean approved) {
        return pipeline.review(platform,
                ReviewRequest.of(pr).withHistory(history).withApproved(approved).withMayRepeat(true));
    }

    private List<ServeEvent> since(int before) {
        List<ServeEvent> all = new ArrayList<>(github.server().getAllServeEvents());
        java.util.Collections.reverse(all); // the journal lists newest first
        return all.subList(before, all.size());
    }

    private int served() {
        return github.server().getAllServeEvents().size();
    }

    private int fileListings() {
        return github.count("GET", ".*/pulls/2/files");
    }

    @Test
    void aRedeliveryOfAReviewedHeadMakesOneConditionalRequestAndWritesNothing() {
        assertInstanceOf(ReviewOutcome.Reviewed.class, redeliver(List.of(), false));
        // The comment count changed since the first answer: a full answer (200) this time, 304 after.
        assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of(), false));
        int before = served();
        var outcome = assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of(), false));
        assertEquals(FakeGitHub.DEFAULT_HEAD, outcome.head());
        List<ServeEvent> requests = since(before);
        assertEquals(1, requests.size(), requests.toString());
        assertEquals("GET", requests.get(0).getRequest().getMethod().getName());
        assertEquals("/repos/" + REPO + "/pulls/2", requests.get(0).getRequest().getUrl());
        assertTrue(requests.get(0).getRequest().containsHeader("If-None-Match"));
        assertEquals(304, requests.get(0).getResponse().getStatus());
        assertEquals(1, recorded.get(), "the leaderboards are not touched either");
        assertEquals(List.of("success"), github.statuses());
    }

    @Test
    void aRetryOrARecheckReviewsInFull() {
        redeliver(List.of(), false);
        assertInstanceOf(ReviewOutcome.Reviewed.class,
                pipeline.review(platform, ReviewRequest.of(pr).withAnnouncePending(true).withMayRepeat(true)));
        assertEquals(2, fileListings(), "the retry read the files");
        assertEquals(List.of("success", "pending", "success"), github.statuses(), "and set its status again");
        assertInstanceOf(ReviewOutcome.Reviewed.class,
                pipeline.review(platform, ReviewRequest.of(pr).withBypassCaches(true).withMayRepeat(true)));
        assertEquals(3, fileListings(), "the recheck read the files");
        // The plain pipeline call (commands, the CLI) never answers from the finished review.
        assertInstanceOf(ReviewOutcome.Reviewed.class, pipeline.review(platform, ReviewRequest.of(pr)));
        assertEquals(4, fileListings());
    }

    @Test
    void anotherHistoryOrApprovalReviewsInFull() {
        redeliver(List.of(), false);
        var approved = assertInstanceOf(ReviewOutcome.Reviewed.class,
                redeliver(List.of("@alice approved (2026-01-01)"), true));
        assertTrue(approved.commentWritten(), "the comment shows the approval");
        assertEquals(2, fileListings());
        assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of("@alice approved (2026-01-01)"), true));
        assertInstanceOf(ReviewOutcome.Reviewed.class, redeliver(List.of("@alice approved (2026-01-01)"), false));
        assertInstanceOf(ReviewOutcome.Reviewed.class,
                redeliver(List.of("@alice approved (2026-01-01)", "@bob hid it"), false));
        assertEquals(4, fileListings());
    }

    @Test
    void aClosedPullRequestIsReviewedInFullAndItsResultsRecordedAgain() {
        redeliver(List.of(), false);
        pipeline.closed(pr);
        assertTrue(dev.evalbot.app.review.ReviewInputs.decode(log.state(pr).inputs()).isEmpty(),
                "closing takes back the finished review: no inputs left to repeat it from");
        assertInstanceOf(ReviewOutcome.Reviewed.class, redeliver(List.of(), false));
        assertEquals(2, recorded.get(), "the reopened pull request's results are recorded (as open) again");
        assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of(), false));
    }

    @Test
    void aChangedBaseReviewsInFull() {
        redeliver(List.of(), false);
        github.push(REPO, 2, FakeGitHub.DEFAULT_HEAD, "b".repeat(40));
        assertInstanceOf(ReviewOutcome.Reviewed.class, redeliver(List.of(), false));
        assertEquals(2, fileListings());
        assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of(), false));
    }

    @Test
    void otherBenchmarkDefinitionsOrRulesReviewInFull() {
        redeliver(List.of(), false);
        // The definitions the review looked up changed (here: cais/hle is no longer registered).
        pipeline = pipeline(new ChangeValidator(config.rules(), new StaticRegistry(List.of()), Clock.systemUTC()));
        var unregistered = assertInstanceOf(ReviewOutcome.Reviewed.class, redeliver(List.of(), false));
        assertTrue(unregistered.commentWritten());
        assertEquals(List.of("success", "failure"), github.statuses());
        assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of(), false));
        // The rules changed.
        var rules = config.rules();
        pipeline = pipeline(new ChangeValidator(new dev.evalbot.rules.config.RulesConfig(rules.limits(),
                rules.frameworks(), rules.registeredBenchmarks(), rules.benchmarks(), rules.rules(),
                rules.futureDateGraceHours() + 1, rules.maxFilesPerChange()), new StaticRegistry(List.of()),
                Clock.systemUTC()));
        assertInstanceOf(ReviewOutcome.Reviewed.class, redeliver(List.of(), false));
        assertEquals(3, fileListings());
    }

    @Test
    void aDeletedCommentIsPostedAgainAndItsNewIdRecorded() {
        redeliver(List.of(), false);
        github.deleteComment(REPO, 2);
        // The pull request counts no comment any more: the delivery reviews and posts the review again.
        assertInstanceOf(ReviewOutcome.Reviewed.class, redeliver(List.of(), false));
        assertEquals(2, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
        assertEquals(FakeGitHub.COMMENT_ID, log.state(pr).commentId());
        assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of(), false));
    }

    @Test
    void anEditOfADeletedCommentPostsItOnceAndEditsTheNewOneAfter() {
        redeliver(List.of(), false);
        log.saveState(pr, new dev.evalbot.app.review.ReviewState("1", false, "0".repeat(64),
                log.state(pr).headSha(), log.state(pr).verdict(), log.state(pr).labels()));
        // Comment "1" does not exist: the edit posts the review as a new comment and records its id.
        assertInstanceOf(ReviewOutcome.Reviewed.class, pipeline.review(platform, ReviewRequest.of(pr)));
        assertEquals(2, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
        assertEquals(FakeGitHub.COMMENT_ID, log.state(pr).commentId(), "the new comment's id, not the lost one");
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.INVALID));
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(2, github.count("POST", "/repos/" + REPO + "/issues/2/comments"), "no third comment");
        assertEquals(1, github.count("PATCH", ".*/issues/comments/" + FakeGitHub.COMMENT_ID));
    }

    @Test
    void aRecheckRepostsACommentDeletedAmongOthers() {
        redeliver(List.of(), false);
        github.deleteComment(REPO, 2);
        // Another comment remains, so the count says nothing: a recheck looks for the bot's comment.
        github.push(REPO, 2, FakeGitHub.DEFAULT_HEAD);
        github.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/repos/" + REPO + "/pulls/2"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"number\":2,\"state\":\"open\",\"comments\":3,\"head\":{\"sha\":\"" + FakeGitHub.DEFAULT_HEAD
                                + "\"},\"base\":{\"sha\":\"" + FakeGitHub.BASE + "\"},\"labels\":[]}")));
        assertInstanceOf(ReviewOutcome.Repeat.class, redeliver(List.of(), false), "a redelivery cannot tell");
        assertInstanceOf(ReviewOutcome.Reviewed.class,
                pipeline.review(platform, ReviewRequest.of(pr).withBypassCaches(true)));
        assertEquals(2, github.count("POST", "/repos/" + REPO + "/issues/2/comments"), "posted again by the recheck");
    }
}
