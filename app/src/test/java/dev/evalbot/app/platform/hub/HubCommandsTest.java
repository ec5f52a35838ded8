package dev.evalbot.app.platform.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.CommandStores;
import dev.evalbot.app.commands.LeaderboardRefresh;
import dev.evalbot.app.commands.MemoryCommandAudit;
import dev.evalbot.app.commands.MemoryDecisions;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.dispatch.EventDispatcher;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.Claim;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slash-commands on the Hub: a maintainer's command acts, a stranger's is refused. */
class HubCommandsTest {
    static final String REPO = HubEventDispatchTest.REPO;

    @TempDir
    Path dir;
    HubWebhookServer webhooks;
    FakeHub hub;
    EventDispatcher handler;
    MemoryDecisions decisions;

    @BeforeEach
    void setUp() {
        webhooks = new HubWebhookServer(dir);
        hub = new FakeHub("model", REPO, 19);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HubPlatform platform = new HubPlatform(new HubSettings("s", hub.url(), "hf_test"), http,
                new SimpleMeterRegistry(), Clock.systemUTC());
        LocalConfig config = LocalConfig.load(Path.of("../config"), null);
        ReviewPipeline pipeline = new ReviewPipeline(
                () -> new ChangeValidator(config.rules(), config.registry(), Clock.systemUTC()),
                config.rules().limits().maxBytes(), TrustAnnotator.OFFLINE, new MemoryReviewLog(),
                new ReportJson(new ObjectMapper()), ReviewPipeline.Settings.DEFAULT,
                ReviewListener.NONE, ModelCardListener.NONE);
        HubPermissions permissions = new HubPermissions(org -> Map.of("alice", "write", "bob", "read"),
                Clock.systemUTC());
        HubCommandPlatform host = new HubCommandPlatform(platform, permissions);
        decisions = new MemoryDecisions();
        CommandSettings settings = CommandSettings.defaults(null);
        CommandEngine engine = new CommandEngine(platform, host,
                new RepoPermissions(host, Duration.ofSeconds(60), Clock.systemUTC()), pipeline,
                new CommandStores(decisions, new MemoryCommandAudit(), LeaderboardRefresh.NONE), settings,
                Clock.systemUTC());
        ObjectMapper json = new ObjectMapper();
        handler = new EventDispatcher(Map.of(PlatformId.HUB, new Lane(platform, platform::namedAuthor, engine::handle, engine.history(),
                d -> HubEvents.read(d, json), false)), pipeline, PullRequestClosed.IGNORE, new SimpleMeterRegistry());
        hub.files(FakeHub.files(".eval_results/hle.yaml", HubEventDispatchTest.VALID));
    }

    @AfterEach
    void tearDown() {
        hub.close();
        webhooks.close();
    }

    private void deliver(ObjectNode payload) throws Exception {
        assertEquals(202, webhooks.post(payload.toString()).statusCode());
        Claim claim = webhooks.inbox.claim().orElseThrow();
        webhooks.inbox.finish(claim, handler.handle(claim.delivery()));
    }

    private ObjectNode command(String id, String authorId, String content) throws Exception {
        ObjectNode payload = HubWebhookServer.payload("discussion.comment.create.json");
        payload.withObjectProperty("comment").put("id", id).put("content", content)
                .withObjectProperty("author").put("id", authorId);
        return payload;
    }

    @Test
    void aMaintainersApproveActsAndShowsInTheStickyComment() throws Exception {
        deliver(HubWebhookServer.payload("discussion.create.pr.json"));
        hub.commentBy("c-alice", "alice", "a11ce0000000000000000001", "/evalbot approve numbers match the paper");
        deliver(command("c-alice", "a11ce0000000000000000001", "/evalbot approve numbers match the paper"));
        assertTrue(decisions.get(new PullRef(PlatformId.HUB, REPO, 19)).approved());
        var edits = hub.requests("POST", hub.api() + "/discussions/19/comment/" + FakeHub.COMMENT_ID + "/edit");
        assertFalse(edits.isEmpty(), "the review comment is edited to show the command");
        String last = edits.get(edits.size() - 1).getBodyAsString();
        assertTrue(last.contains("approve"), last);
        assertEquals(1, hub.count("POST", hub.api() + "/discussions/19/comment"), "no reply, no second review");
    }

    @Test
    void aStrangersApproveIsRefusedWithOneReplyAndNoDecision() throws Exception {
        deliver(HubWebhookServer.payload("discussion.create.pr.json"));
        hub.commentBy("c-bob", "bob", "b0b0000000000000000000001", "/evalbot approve");
        deliver(command("c-bob", "b0b0000000000000000000001", "/evalbot approve"));
        assertFalse(decisions.get(new PullRef(PlatformId.HUB, REPO, 19)).approved());
        assertEquals(2, hub.count("POST", hub.api() + "/discussions/19/comment"), "the review, then one reply");
        hub.commentBy("c-bob2", "bob", "b0b0000000000000000000001", "/evalbot approve");
        deliver(command("c-bob2", "b0b0000000000000000000001", "/evalbot approve"));
        assertEquals(2, hub.count("POST", hub.api() + "/discussions/19/comment"), "at most one reply an hour");
    }
}
