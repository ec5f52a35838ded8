package dev.evalbot.app.platform.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.dispatch.EventDispatcher;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.Claim;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.review.MemoryReviewLog;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ReviewListener;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook in, inbox, handler, fake Hub: the whole Hub path without a network. */
class HubEventDispatchTest {
    static final String REPO = "open-lab/gpt-small";
    static final String VALID = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n";
    static final String PUSHED = "9f1e0c3b6a2d4e5f708192a3b4c5d6e7f8091a2b";

    @TempDir
    Path dir;
    HubWebhookServer webhooks;
    FakeHub hub;
    EventDispatcher handler;
    final List<String> closed = new ArrayList<>();
    final List<String> commands = new ArrayList<>();

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
        ObjectMapper json = new ObjectMapper();
        handler = new EventDispatcher(Map.of(PlatformId.HUB, new Lane(platform, platform::namedAuthor,
                posted -> commands.add(posted.pr().subject() + " " + posted.comment().body()), PullContext.NONE,
                d -> HubEvents.read(d, json), false)), pipeline,
                c -> closed.add(c.pr().subject() + (c.merged() ? " merged" : " closed")), new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        hub.close();
        webhooks.close();
    }

    /** Posts the payload to the real route, then runs what the inbox hands out. */
    private Outcome deliver(ObjectNode payload) throws Exception {
        int status = webhooks.post(payload.toString()).statusCode();
        assertEquals(202, status);
        Claim claim = webhooks.inbox.claim().orElseThrow();
        Outcome outcome = handler.handle(claim.delivery());
        webhooks.inbox.finish(claim, outcome);
        return outcome;
    }

    @Test
    void anOpenedResultsPullRequestGetsOneCommentAndAPushEditsIt() throws Exception {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        assertInstanceOf(Outcome.Done.class, deliver(HubWebhookServer.payload("discussion.create.pr.json")));
        var posts = hub.requests("POST", hub.api() + "/discussions/19/comment");
        assertEquals(1, posts.size());
        assertTrue(posts.get(0).getBodyAsString().contains("<!-- evalbot:review -->"));
        // The discussion event names no sha: the head is pinned once, and everything is read there.
        assertEquals(1, hub.count("GET", hub.api() + "/revision/refs%2Fpr%2F19"));
        assertEquals(1, hub.count("GET", "/" + REPO + "/resolve/" + FakeHub.HEAD + "/.*"));

        hub.push(PUSHED);
        assertInstanceOf(Outcome.Done.class, deliver(HubWebhookServer.payload("repo.content.pr.json")));
        assertEquals(1, hub.count("POST", hub.api() + "/discussions/19/comment"), "no second comment");
        var edits = hub.requests("POST", hub.api() + "/discussions/19/comment/" + FakeHub.COMMENT_ID + "/edit");
        assertEquals(1, edits.size());
        assertTrue(edits.get(0).getBodyAsString().contains(PUSHED.substring(0, 7)), edits.get(0).getBodyAsString());
        assertEquals(1, hub.count("GET", "/" + REPO + "/resolve/" + PUSHED + "/.*"));
        assertEquals(0, webhooks.inbox.depth());
    }

    @Test
    void aRateLimitGoesBackToTheInboxWithTheHubsAdvice() throws Exception {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        hub.failNext(1, 429, Map.of("Retry-After", "120"));
        var retry = assertInstanceOf(Outcome.Retry.class, deliver(HubWebhookServer.payload("repo.content.pr.json")));
        assertTrue(retry.notBefore().isAfter(Instant.now().plusSeconds(100)), String.valueOf(retry.notBefore()));
        assertEquals(1, webhooks.inbox.depth(), "kept for a later attempt");
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        hub.files(FakeHub.files(".eval_results/hle.yaml", VALID));
        hub.failNext(1, 403, Map.of());
        assertInstanceOf(Outcome.Fail.class, deliver(HubWebhookServer.payload("repo.content.pr.json")));
    }

    @Test
    void aMergedPullRequestIsRecordedWithoutCallingTheHub() throws Exception {
        assertInstanceOf(Outcome.Done.class, deliver(HubWebhookServer.payload("discussion.update.merged.json")));
        ObjectNode closedPr = HubWebhookServer.payload("discussion.update.merged.json");
        closedPr.withObjectProperty("discussion").put("status", "closed");
        assertInstanceOf(Outcome.Done.class, deliver(closedPr));
        assertEquals(List.of("hub:open-lab/gpt-small#19 merged", "hub:open-lab/gpt-small#19 closed"), closed);
        assertEquals(0, hub.server().getAllServeEvents().size());
    }

    @Test
    void commandsGoToTheEngineUnlessTheBotWroteThem() throws Exception {
        assertInstanceOf(Outcome.Done.class, deliver(HubWebhookServer.payload("discussion.comment.create.json")));
        ObjectNode own = HubWebhookServer.payload("discussion.comment.create.json");
        own.withObjectProperty("comment").put("id", "6398872887bfcfb93a306f19").put("content", "/evalbot recheck")
                .withObjectProperty("author").put("id", FakeHub.BOT_ID);
        assertInstanceOf(Outcome.Done.class, deliver(own));
        assertEquals(List.of("hub:open-lab/gpt-small#19 /evalbot approve"), commands);
    }
}
