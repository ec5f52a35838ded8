package dev.evalbot.app.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ChangedPath;
import dev.evalbot.app.review.CommitState;
import dev.evalbot.app.review.Links;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.Platform;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.PullRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine knows no platform: here it runs for a Hub-like host without reactions or labels,
 * where the review comment's history is the only trace of a decision.
 */
class HubShapedEngineTest {
    final List<String> calls = new ArrayList<>();
    final MemoryCommandAudit audit = new MemoryCommandAudit();
    final MemoryDecisions decisions = new MemoryDecisions();
    final MutableClock clock = MutableClock.atDefaultStart();
    final PullRequestRef pr = new PullRequestRef(PlatformId.HUB, "org/model", "model", 7, "abc", null, "main", "author",
            Set.of(), null);

    final CommandPlatform hub = new CommandPlatform() {
        @Override
        public void react(PullRequestRef pr, String commentId, Reaction reaction) {
            // the Hub has no reactions
        }

        @Override
        public void reply(PullRequestRef pr, String body) {
            calls.add("reply " + body);
        }

        @Override
        public String permission(PullRequestRef pr, String login) {
            return login.equals("org-admin") ? "admin" : "none";
        }

        @Override
        public Optional<byte[]> readRepoConfig(PullRequestRef pr, int maxBytes) {
            return Optional.empty();
        }

        @Override
        public void close(PullRequestRef pr, String reason) {
            calls.add("close");
        }
    };

    final Platform reviewPort = new Platform() {
        @Override
        public String name() {
            return "hub";
        }

        @Override
        public List<ChangedPath> changedFiles(PullRequestRef pr, int cap) {
            return List.of(new ChangedPath(".eval_results/hle.yaml", ChangedPath.Status.ADDED, null));
        }

        @Override
        public Map<String, byte[]> read(PullRequestRef pr, String rev, List<String> paths, int maxBytes) {
            return Map.of(".eval_results/hle.yaml", "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  flavour: vanilla\n".getBytes());
        }

        @Override
        public dev.evalbot.app.event.PullHead currentHead(PullRequestRef pr) {
            return dev.evalbot.app.event.PullHead.asDelivered(pr);
        }

        @Override
        public Optional<String> findOwnComment(PullRequestRef pr, String marker) {
            return Optional.empty();
        }

        @Override
        public String createComment(PullRequestRef pr, String body) {
            calls.add("comment " + body);
            return "c1";
        }

        @Override
        public String updateComment(PullRequestRef pr, String commentId, String body) {
            calls.add("comment " + body);
            return commentId;
        }

        @Override
        public void setLabels(PullRequestRef pr, Set<String> add, Set<String> remove) {
            // the Hub has no labels
        }

        @Override
        public void setStatus(PullRequestRef pr, String sha, CommitState state, String description) {
        }

        @Override
        public Links links(PullRequestRef pr) {
            return (path, line) -> "https://huggingface.co/" + pr.repo();
        }
    };

    @Test
    void aHubMaintainersHideShowsInTheReviewCommentsHistory() throws Exception {
        var config = dev.evalbot.app.config.LocalConfig.load(java.nio.file.Path.of("../config"), null);
        var pipeline = new ReviewPipeline(() -> new dev.evalbot.rules.check.ChangeValidator(config.rules(),
                config.registry(), clock), config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE,
                new MemoryReviewLog(), new ReportJson(new ObjectMapper()), ReviewPipeline.Settings.DEFAULT,
                ReviewListener.NONE, ModelCardListener.NONE);
        CommandSettings settings = CommandSettings.defaults("evalbot");
        var engine = new CommandEngine(reviewPort, hub, (p, login) -> hub.permission(p, login).equals("admin"), pipeline,
                new CommandStores(decisions, audit, LeaderboardRefresh.NONE), settings, clock);
        var done = engine.handle(new Comment("9", "/evalbot hide spam", null, "org-admin", false, "org-admin",
                false, null), () -> pr);
        assertInstanceOf(CommandResult.Done.class, done.get(0).result());
        assertTrue(decisions.get(new PullRef(PlatformId.HUB, "org/model", 7)).hidden());
        assertTrue(calls.get(0).contains("&#64;org\\-admin hid the results from the leaderboards: spam"), calls.toString());
        assertEquals(engine.history().lines(pr), List.of("2026-03-01 12:00 UTC · &#64;org\\-admin hid the results "
                + "from the leaderboards: spam"));
    }
}
