package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.GitHubEvent;
import dev.evalbot.app.platform.github.GitHubPlatform;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review comment says where each valid entry would rank on the live leaderboard, and warns
 * when one would take first place by more than the margin: a pull request reviewed end to end
 * against a fake GitHub, with the leaderboards built from a real store.
 */
class PlacementReviewTest {
    static final String REPO = "Codertocat/Hello-World";

    @TempDir
    Path tmp;
    Database db;
    FakeGitHub github;
    GitHubPlatform platform;
    ReviewPipeline pipeline;
    PullRequestRef pr;

    @BeforeEach
    void setUp() throws Exception {
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("r.db")));
        ResultStore results = new ResultStore(db, Clock.systemUTC());
        seed(results, "org/top", PrState.MERGED, Tier.AUTHOR, 24.6);
        seed(results, "org/second", PrState.MERGED, Tier.VERIFIED, 22.0);
        seed(results, "org/open", PrState.OPEN, Tier.COMMUNITY, 30.0);
        seed(results, "org/low", PrState.MERGED, Tier.AUTHOR, 10.0);
        seed(results, "org/withdrawn", PrState.CLOSED, Tier.COMMUNITY, 90.0);
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        TaskCatalog catalog = TaskCatalog.of(config.rules(), config.registry().all());
        BoardService boards = new BoardService(PlatformModules.known(),
                results, new RefreshStore(db, Duration.ofMinutes(1)), catalog, Map.of(),
                Duration.ofSeconds(30), Clock.systemUTC(), List.of(),
                BoardSettings.DEFAULT, WithdrawalTrail.NONE, BoardService.DEFAULT_CACHE_REPORTS);
        boards.start();
        boards.close();

        github = new FakeGitHub(REPO, 2);
        platform = github.platform();
        TrustAnnotator trust = new BoardPlacementCheck(TrustAnnotator.OFFLINE, boards, catalog, config.rules());
        pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), trust, new MemoryReviewLog(), new ReportJson(new ObjectMapper()),
                ReviewPipeline.Settings.DEFAULT, ReviewListener.NONE, ModelCardListener.NONE);
        String json = Files.readString(Path.of("src/test/resources/github-webhooks/pull_request.opened.json"));
        GitHubEvent e = GitHubEvent.parse("pull_request", new ObjectMapper().readTree(json));
        pr = new PullRequestRef(PlatformId.GITHUB, e.repo(), "code", e.number(), e.headSha(), e.baseSha(), e.baseRef(),
                e.author(), e.labels(), e.installationId() == null ? null : e.installationId().toString());
    }

    private static void seed(ResultStore results, String model, PrState state, Tier tier, double value) {
        results.replaceAll(new PullRef(PlatformId.GITHUB, model, state == PrState.MERGED ? 0 : 5), "sha",
                state == PrState.CLOSED ? PrState.OPEN : state, List.of(new ReviewedEntry(".eval_results/hle.yaml", 1,
                        1, "cais/hle", "hle", value, "2026-01-01", null, null, null, tier, null, null, false)));
        if (state == PrState.CLOSED) {
            results.setPrState(new PullRef(PlatformId.GITHUB, model, 5), PrState.CLOSED);
        }
    }

    @AfterEach
    void tearDown() {
        github.close();
        db.close();
    }

    /** The posted comment as a reader sees it: Markdown's backslash escapes taken out. */
    private String comment() throws Exception {
        String json = github.requests("POST", "/repos/" + REPO + "/issues/2/comments").get(0).getBodyAsString();
        return new ObjectMapper().readTree(json).get("body").asText().replaceAll("\\\\(.)", "$1");
    }

    @Test
    void eachValidEntrySaysWhereItWouldRank() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml",
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 23.5\n"
                        + "- dataset: {id: cais/hle, task_id: hle}\n  value: 150\n"));
        pipeline.review(platform, ReviewRequest.of(pr));
        String body = comment();
        assertTrue(body.contains("would rank 3 of 5 on cais/hle / hle; best author-reported 24.6"), body);
        assertEquals(1, body.split("would rank", -1).length - 1, "the invalid entry (150 of 0..100) gets no rank");
        assertFalse(body.contains("new-top-score"), body);
        assertFalse(body.contains("90"), "the closed report is not on the board: " + body);
    }

    @Test
    void aResultThatWouldBecomeFirstByMoreThanTheMarginIsAWarning() throws Exception {
        github.files(FakeGitHub.files(".eval_results/hle.yaml",
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 41.2\n"
                        + "- dataset: {id: cais/hle, task_id: hle}\n  value: 33\n"));
        pipeline.review(platform, ReviewRequest.of(pr));
        String body = comment();
        assertTrue(body.contains("would rank 1 of 5 on cais/hle / hle; best author-reported 24.6"), body);
        assertTrue(body.contains("<code>new-top-score</code>"), body);
        assertTrue(body.contains("value 41.2 would become first on cais/hle / hle, 11.2 above the current top score 30 "
                + "(margin 5)"), body);
        assertEquals(1, body.split("would become first", -1).length - 1, "33 leads by 3, within the margin: " + body);
        assertEquals(List.of("success"), github.statuses(), "a warning does not fail the review");
    }
}
