package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes (content-creating requests: what GitHub's secondary limits count) and requests per review,
 * as a GitHub App and with a plain token: a new pull request, a new head with the same verdict,
 * and a repeat delivery of a reviewed head. Not counted: the installation token (minted once an
 * hour) and the listing of a repository's labels (once per repository every 12 hours).
 */
class ReviewWritesTest {
    static final String REPO = GitHubPipelineTest.REPO;
    static final String NEXT_HEAD = "1f0c0e57ca3a959ca5aad62de7213c562f8c8211";

    FakeGitHub github;
    GitHubPlatform app;
    GitHubPlatform token;
    ReviewPipeline pipeline;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(REPO, 2);
        github.labelsExist(REPO);
        github.files(FakeGitHub.files(".eval_results/hle.yaml", GitHubPipelineTest.VALID));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        var appSettings = new GitHubSettings("s3cret", null, "1234", pem, github.url(), "evalbot[bot]", null,
                BudgetSettings.DEFAULT);
        app = new GitHubPlatform(appSettings, new GitHubAuth(appSettings, http, Clock.systemUTC()), http,
                new SimpleMeterRegistry(), Clock.systemUTC());
        var tokenSettings = new GitHubSettings("s3cret", "test-token", null, null, github.url(), "evalbot[bot]", null,
                BudgetSettings.DEFAULT);
        token = new GitHubPlatform(tokenSettings, new GitHubAuth(tokenSettings, http, Clock.systemUTC()), http,
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

    List<ServeEvent> counted() {
        return github.server().getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getUrl().startsWith("/app/"))
                .filter(e -> !(e.getRequest().getMethod().getName().equals("GET")
                        && e.getRequest().getUrl().startsWith("/repos/" + REPO + "/labels")))
                .toList();
    }

    int requests() {
        return counted().size();
    }

    /** POST, PATCH, PUT, DELETE, except a GraphQL query. */
    int writes() {
        return (int) counted().stream().filter(e -> !e.getRequest().getMethod().getName().equals("GET"))
                .filter(e -> !e.getRequest().getUrl().startsWith("/graphql")).count();
    }

    static PullRequestRef at(PullRequestRef r, String head) {
        return new PullRequestRef(r.platform(), r.repo(), r.repoType(), r.number(), head, r.baseSha(), r.baseRef(),
                r.author(), r.labels(), r.access());
    }

    void reviewThree(GitHubPlatform platform, PullRequestRef opened, String verdictWrite) throws Exception {
        pipeline.review(platform, ReviewRequest.of(opened).withMayRepeat(true));
        int newHeadWrites = writes();
        int newHeadRequests = requests();
        assertTrue(newHeadWrites <= 3, "a new pull request: comment, labels, " + verdictWrite + ": " + describe());
        assertEquals(3, newHeadWrites, describe());
        assertTrue(newHeadRequests <= 6, "three reads (head, files, contents) and three writes: " + describe());

        github.push(REPO, 2, NEXT_HEAD);
        pipeline.review(platform, ReviewRequest.of(at(opened, NEXT_HEAD)).withMayRepeat(true));
        int reReviewWrites = writes() - newHeadWrites;
        assertTrue(reReviewWrites <= 2, "a new head, the same verdict: the comment and the " + verdictWrite
                + ", no labels: " + describe());

        int before = writes();
        int requestsBefore = requests();
        pipeline.review(platform, ReviewRequest.of(at(opened, NEXT_HEAD)).withMayRepeat(true));
        assertEquals(0, writes() - before, "a repeat delivery writes nothing");
        assertEquals(1, requests() - requestsBefore, "it asks for the current head, and stops");
    }

    @Test
    void anAppWritesThreeForANewPullRequestTwoForANewHeadAndNoneForARepeat() throws Exception {
        reviewThree(app, GitHubCheckRunTest.installed("pull_request.opened.json"), "check run");
        assertEquals(List.of(), github.statuses(), "the check run carries the verdict: no commit status");
        assertEquals(List.of("success", "success"), github.conclusions());
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/labels"), "labels only when they change");
    }

    @Test
    void aPlainTokenWritesTheStatusInstead() throws Exception {
        reviewThree(token, GitHubPipelineTest.ref("pull_request.opened.json"), "status");
        assertEquals(List.of("success", "success"), github.statuses());
        assertEquals(0, github.count("POST", "/repos/" + REPO + "/check-runs"));
    }

    String describe() {
        return counted().stream().map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList()
                .toString();
    }
}
