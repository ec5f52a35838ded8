package dev.evalbot.app.platform.github;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewOutcome;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.check.ChangeValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pull request that changes the card's model-index but adds no .eval_results is told how to migrate. */
class ModelIndexNoticeTest {
    static final String REPO = GitHubPipelineTest.REPO;
    static final String BASE_CARD = "---\nlicense: mit\n---\n# model\n";
    static final String CARD_WITH_INDEX = "---\nlicense: mit\nmodel-index:\n- name: m\n  results:\n"
            + "  - dataset: {type: cais/hle, name: HLE}\n    metrics: [{type: acc, value: 20.9}]\n---\n# model\n";

    FakeGitHub github;
    GitHubPlatform platform;
    ReviewPipeline pipeline;
    PullRequestRef pr;

    @BeforeEach
    void setUp() throws Exception {
        github = new FakeGitHub(REPO, 2);
        platform = github.platform();
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, new MemoryReviewLog(),
                new ReportJson(new ObjectMapper()), ReviewPipeline.Settings.DEFAULT,
                ReviewListener.NONE, ModelCardListener.NONE);
        pr = GitHubPipelineTest.ref("pull_request.opened.json");
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    /** The card as it was on the base branch: GraphQL answers a query for the base revision with it. */
    private void baseCard(String text) {
        ObjectNode answer = new ObjectMapper().createObjectNode();
        answer.putObject("data").putObject("repository").putObject("f0").put("byteSize", text.length())
                .put("isBinary", false).put("isTruncated", false).put("text", text);
        github.server().stubFor(post(urlPathEqualTo("/graphql")).atPriority(1)
                .withRequestBody(containing(pr.baseSha() + ":README.md")).willReturn(okJson(answer.toString())));
    }

    private String comment() {
        return github.requests("POST", "/repos/" + REPO + "/issues/2/comments").get(0).getBodyAsString();
    }

    @Test
    void aNewModelIndexWithoutResultsGetsTheMigrationCommand() {
        baseCard(BASE_CARD);
        github.files(FakeGitHub.files("README.md", CARD_WITH_INDEX));
        assertInstanceOf(ReviewOutcome.Reviewed.class, pipeline.review(platform, ReviewRequest.of(pr)));
        String body = comment();
        assertTrue(body.contains("changes the `model-index` of `README.md` but adds no `.eval_results/` file"), body);
        assertTrue(body.contains("evalbot import model-index --write ."), body);
        assertEquals(List.of("success"), github.statuses());
    }

    @Test
    void aCardChangeThatLeavesTheModelIndexAloneIsNotReviewed() {
        String reworded = CARD_WITH_INDEX.replace("# model", "# model, better described");
        baseCard(CARD_WITH_INDEX.replace("{type: acc, value: 20.9}", "{type: acc,   value:  20.9 }"));
        github.files(FakeGitHub.files("README.md", reworded));
        assertInstanceOf(ReviewOutcome.NothingToReview.class, pipeline.review(platform, ReviewRequest.of(pr)));
        assertEquals(0, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }

    @Test
    void noNoticeWhenThePullRequestAddsResultsToo() {
        baseCard(BASE_CARD);
        github.files(FakeGitHub.files("README.md", CARD_WITH_INDEX, ".eval_results/hle.yaml",
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n"));
        pipeline.review(platform, ReviewRequest.of(pr));
        assertFalse(comment().contains("model-index"), comment());
    }
}
