package dev.evalbot.app.platform.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import dev.evalbot.app.review.ReviewState;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubPipelineTest {
    static final String REPO = "openai-community/gpt2";
    static final String VALID = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  notes: \"<script>alert(1)</script> @julien-c\"\n";
    static final String INVALID = "- dataset: {id: cais/hle, task_id: hel}\n  value: 20.9\n";

    FakeHub hub;
    HubPlatform platform;
    MemoryReviewLog log;
    ReviewPipeline pipeline;
    LocalConfig config;

    @BeforeEach
    void setUp() {
        hub = new FakeHub("model", REPO, 19);
        platform = new HubPlatform(new HubSettings("s3cret", hub.url(), "hf_test"), http(), new SimpleMeterRegistry(),
                Clock.systemUTC());
        config = LocalConfig.load(Path.of("../config"), null);
        log = new MemoryReviewLog();
        pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, log, new ReportJson(new ObjectMapper()),
                ReviewPipeline.Settings.DEFAULT, ReviewListener.NONE, ModelCardListener.NONE);
    }

    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    static PullRequestRef pr(String type, String repo, int number, String head) {
        return new PullRequestRef(PlatformId.HUB, repo, type, number, head, "refs/heads/main", "refs/heads/main", null, Set.of(), null);
    }

    @AfterEach
    void tearDown() {
        hub.close();
    }

    @Test
    void validPullRequestGetsOneCommentWithTheMarkerAndNoLabelsOrStatuses() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID, ".eval_results/notes.txt", "hello"));
        var outcome = assertInstanceOf(ReviewOutcome.Reviewed.class,
                pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, FakeHub.HEAD))));
        assertTrue(outcome.commentWritten());
        var posts = hub.requests("POST", hub.api() + "/discussions/19/comment");
        assertEquals(1, posts.size());
        String body = posts.get(0).getBodyAsString();
        assertTrue(body.contains("<!-- evalbot:review -->"), body);
        assertTrue(!body.contains("<script>") && body.contains("&lt;script&gt;"), body);
        assertEquals("Bearer hf_test", posts.get(0).getHeader("Authorization"));
        // Read at the head sha the event named; only the results file; the README is not listed at all.
        assertEquals(1, hub.count("GET", "/" + REPO + "/resolve/" + FakeHub.HEAD + "/\\.eval_results/hle\\.yaml"));
        assertEquals(1, hub.count("GET", hub.api() + "/tree/.*"));
        assertEquals("true", hub.requests("GET", hub.api() + "/tree/.*").get(0).queryParameter("recursive").firstValue());
        assertEquals(0, hub.count("POST", ".*/labels.*") + hub.count("POST", ".*/statuses/.*"));
    }

    @Test
    void aNewHeadEditsTheSameCommentInPlace() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, FakeHub.HEAD)));
        var again = assertInstanceOf(ReviewOutcome.Reviewed.class,
                pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, FakeHub.HEAD))));
        assertTrue(!again.commentWritten());
        hub.files(FakeHub.files(".eval_results/hle.yaml", INVALID));
        hub.push("1".repeat(40));
        pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, "1".repeat(40))));
        assertEquals(1, hub.count("POST", hub.api() + "/discussions/19/comment"));
        var edits = hub.requests("POST", hub.api() + "/discussions/19/comment/" + FakeHub.COMMENT_ID + "/edit");
        assertEquals(1, edits.size());
        assertTrue(edits.get(0).getBodyAsString().contains("unknown-task"), edits.get(0).getBodyAsString());
    }

    @Test
    void aLostStoreFindsTheBotsOwnCommentAndEditsIt() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, FakeHub.HEAD)));
        // A new database: no record of the comment. The next push must not post a second one.
        ReviewPipeline fresh = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(),
                Clock.systemUTC()), config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, new MemoryReviewLog(),
                new ReportJson(new ObjectMapper()), ReviewPipeline.Settings.DEFAULT,
                ReviewListener.NONE, ModelCardListener.NONE);
        hub.files(FakeHub.files(".eval_results/hle.yaml", INVALID));
        hub.push("2".repeat(40));
        fresh.review(platform, ReviewRequest.of(pr("model", REPO, 19, "2".repeat(40))));
        assertEquals(1, hub.count("POST", hub.api() + "/discussions/19/comment"));
        assertEquals(1, hub.count("POST", hub.api() + "/discussions/19/comment/" + FakeHub.COMMENT_ID + "/edit"));
    }

    @Test
    void aDeliveryForAnOlderHeadWritesNothingOnceTheCurrentHeadIsReviewed() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, FakeHub.HEAD)));
        int requests = hub.server().getAllServeEvents().size();
        var outcome = assertInstanceOf(ReviewOutcome.Stale.class,
                pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, "3".repeat(40)))));
        assertEquals(FakeHub.HEAD, outcome.currentHead());
        assertEquals(requests + 1, hub.server().getAllServeEvents().size(), "one request: the current head");
        assertEquals(1, hub.count("POST", ".*"));
    }

    @Test
    void withoutAHeadShaTheReviewPinsTheHeadOfTheEncodedPullRequestRef() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, null)));
        assertEquals(1, hub.count("GET", hub.api() + "/revision/refs%2Fpr%2F19"),
                hub.server().getAllServeEvents().toString());
        assertEquals(1, hub.count("GET", hub.api() + "/tree/" + FakeHub.HEAD + "/\\.eval_results"));
        assertEquals(1, hub.count("GET", "/" + REPO + "/resolve/" + FakeHub.HEAD + "/\\.eval_results/hle\\.yaml"));
        assertEquals(FakeHub.HEAD, platform.headSha(pr("model", REPO, 19, null)).orElseThrow());
    }

    @Test
    void aPullRequestWithoutResultsIsNotCommentedOn() {
        hub.files(FakeHub.files("README.md", "hello"));
        assertInstanceOf(ReviewOutcome.NothingToReview.class,
                pipeline.review(platform, ReviewRequest.of(pr("model", REPO, 19, FakeHub.HEAD))));
        assertEquals(0, hub.count("POST", ".*"));
    }

    @Test
    void crashAfterCreatingTheCommentFindsItByAuthorAndMarker() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        PullRequestRef pr = pr("model", REPO, 19, FakeHub.HEAD);
        pipeline.review(platform, ReviewRequest.of(pr));
        var state = log.state(pr);
        log.saveState(pr, new ReviewState(null, true, null, null, null, state.labels()));
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(1, hub.count("POST", hub.api() + "/discussions/19/comment"));
        assertEquals(1, hub.count("GET", "/api/whoami-v2"));
        // A human's comment mentioning /evalbot is not mistaken for the bot's.
        assertEquals(FakeHub.COMMENT_ID, platform.findOwnComment(pr, "<!-- evalbot:review -->").orElseThrow());
        assertEquals(1, hub.count("GET", "/api/whoami-v2"), "whoami is asked once");
    }

    @Test
    void rateLimitBecomesRetryAdviceNotASleep() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        hub.failNext(1, 429, Map.of("Retry-After", "30"));
        PullRequestRef pr = pr("model", REPO, 19, FakeHub.HEAD);
        PlatformException e = assertThrows(PlatformException.class,
                () -> pipeline.review(platform, ReviewRequest.of(pr)));
        assertTrue(e.retryable(), e.getMessage());
        assertEquals(429, e.status());
        assertTrue(e.notBefore() != null && e.notBefore().isAfter(Instant.now().plusSeconds(20)), String.valueOf(e.notBefore()));
        assertTrue(!e.getMessage().contains("hf_test"), e.getMessage());
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(1, hub.count("POST", hub.api() + "/discussions/19/comment"));
    }

    @Test
    void serverErrorsAndConnectionFailuresRetryButOtherClientErrorsDoNot() {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        PullRequestRef pr = pr("model", REPO, 19, FakeHub.HEAD);
        hub.failNext(1, 502, Map.of());
        PlatformException server = assertThrows(PlatformException.class, () -> platform.changedFiles(pr, 10));
        assertTrue(server.retryable() && server.notBefore() == null);
        hub.failNext(1, 403, Map.of());
        PlatformException forbidden = assertThrows(PlatformException.class, () -> platform.changedFiles(pr, 10));
        assertTrue(!forbidden.retryable(), forbidden.getMessage());
        assertTrue(forbidden.getMessage().contains("fault injected"), forbidden.getMessage());
        HubPlatform unreachable = new HubPlatform(new HubSettings("s", "http://127.0.0.1:1", "t"), http(),
                new SimpleMeterRegistry(), Clock.systemUTC());
        assertTrue(assertThrows(PlatformException.class, () -> unreachable.changedFiles(pr, 10)).retryable());
    }

    @Test
    void aResultsFileOverTheSizeCapIsAFindingNotAnOutOfMemory() {
        int max = config.rules().limits().maxBytes();
        String huge = "- dataset: {id: cais/hle, task_id: hle}\n  value: 1\n" + "#".repeat(3 * max) + "\n";
        hub.files(FakeHub.files(".eval_results/huge.yaml", huge));
        PullRequestRef pr = pr("model", REPO, 19, FakeHub.HEAD);
        Map<String, byte[]> read = platform.read(pr, FakeHub.HEAD, List.of(".eval_results/huge.yaml"), max);
        assertEquals(max + 1, read.get(".eval_results/huge.yaml").length);
        pipeline.review(platform, ReviewRequest.of(pr));
        String body = hub.requests("POST", hub.api() + "/discussions/19/comment").get(0).getBodyAsString();
        assertTrue(body.contains("file-too-large"), body);
    }

    @Test
    void treeListingsFollowTheLinkHeaderOnTheHubOnly() {
        String tree = hub.api() + "/tree/" + FakeHub.HEAD + "/.eval_results";
        hub.server().stubFor(get(urlPathEqualTo(tree)).withQueryParam("cursor", absent()).atPriority(1)
                .willReturn(okJson("[{\"type\":\"file\",\"path\":\".eval_results/a.yaml\",\"size\":1}]")
                        .withHeader("Link", "<" + hub.url() + tree + "?recursive=true&cursor=p2>; rel=\"next\"")));
        hub.server().stubFor(get(urlPathEqualTo(tree)).withQueryParam("cursor", equalTo("p2")).atPriority(1)
                .willReturn(okJson("[{\"type\":\"directory\",\"path\":\".eval_results/sub\"},"
                        + "{\"type\":\"file\",\"path\":\".eval_results/sub/b.yml\",\"size\":1}]")
                        .withHeader("Link", "<http://elsewhere.invalid" + tree + "?cursor=p3>; rel=\"next\"")));
        var paths = platform.changedFiles(pr("model", REPO, 19, FakeHub.HEAD), 10).stream().map(c -> c.path()).toList();
        assertEquals(List.of(".eval_results/a.yaml", ".eval_results/sub/b.yml"), paths);
        assertEquals(2, hub.count("GET", tree));
    }

    @Test
    void linksPointAtTheFileInThePullRequestRef() {
        var links = platform.links(pr("model", REPO, 19, FakeHub.HEAD));
        assertEquals(hub.url() + "/" + REPO + "/blob/refs%2Fpr%2F19/.eval_results/hle.yaml#L3",
                links.line(".eval_results/hle.yaml", 3));
        var datasetLinks = platform.links(pr("dataset", "cais/hle", 4, null));
        assertEquals(hub.url() + "/datasets/cais/hle/blob/refs%2Fpr%2F4/eval.yaml#L1", datasetLinks.line("eval.yaml", 1));
    }

    @Test
    void closeSetsTheDiscussionStatusWithAComment() throws Exception {
        platform.close(pr("model", REPO, 19, null), "Rejected by a maintainer: values do not match the paper.");
        var requests = hub.requests("POST", hub.api() + "/discussions/19/status");
        assertEquals(1, requests.size());
        var body = new ObjectMapper().readTree(requests.get(0).getBodyAsString());
        assertEquals("closed", body.path("status").asText());
        assertTrue(body.path("comment").asText().startsWith("Rejected"));
    }

    @Test
    void aDatasetPullRequestHasItsEvalYamlValidated() throws Exception {
        hub.close();
        hub = new FakeHub("dataset", "cais/hle", 4);
        platform = new HubPlatform(new HubSettings("s3cret", hub.url(), "hf_test"), http(), new SimpleMeterRegistry(),
                Clock.systemUTC());
        String evalYaml = Files.readString(Path.of("../config/benchmarks/cais/hle/eval.yaml"));
        hub.files(FakeHub.files("eval.yaml", evalYaml, "README.md", "# HLE"));
        PullRequestRef pr = pr("dataset", "cais/hle", 4, FakeHub.HEAD);
        assertEquals(List.of("eval.yaml"), platform.changedFiles(pr, 10).stream().map(c -> c.path()).toList());
        // No .eval_results directory at the root: no second listing.
        assertEquals(1, hub.count("GET", hub.api() + "/tree/.*"));
        pipeline.review(platform, ReviewRequest.of(pr));
        assertEquals(1, hub.count("POST", "/api/datasets/cais/hle/discussions/4/comment"));
        // The base is read at the target branch, for the change rules.
        assertEquals(1, hub.count("GET", "/datasets/cais/hle/resolve/refs%2Fheads%2Fmain/eval\\.yaml"));
    }
}
