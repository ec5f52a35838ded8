package dev.evalbot.app.platform.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryKind;
import dev.evalbot.app.inbox.NewDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubWebhookRouteTest {
    @TempDir
    Path dir;
    HubWebhookServer hub;

    @BeforeEach
    void setUp() {
        hub = new HubWebhookServer(dir);
    }

    @AfterEach
    void tearDown() {
        hub.close();
    }

    /** Everything claimable now, in order. */
    private List<Delivery> queued() {
        List<Delivery> out = new ArrayList<>();
        for (var c = hub.inbox.claim(); c.isPresent(); c = hub.inbox.claim()) {
            out.add(c.get().delivery());
            hub.inbox.finish(c.get(), dev.evalbot.app.inbox.Outcome.done());
        }
        return out;
    }

    @Test
    void aWrongOrMissingSecretIsRefusedAndNothingIsStored() throws Exception {
        String body = HubWebhookServer.payload("discussion.create.pr.json").toString();
        assertEquals(401, hub.post(body, "wrong", null).statusCode());
        assertEquals(401, hub.post(body, null, null).statusCode());
        assertEquals(401, hub.post(body, null, "secret=wrong").statusCode());
        assertEquals(401, hub.post(body, HubWebhookServer.SECRET + "x", null).statusCode());
        assertEquals(0, hub.inbox.depth());
    }

    @Test
    void theSecretMayComeAsAQueryParameter() throws Exception {
        String body = HubWebhookServer.payload("discussion.create.pr.json").toString();
        var response = hub.post(body, null, "secret=" + URLEncoder.encode(HubWebhookServer.SECRET, StandardCharsets.UTF_8));
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(1, hub.inbox.depth());
    }

    @Test
    void aPullRequestOpenedIsQueuedForReviewAndAReplayIsADuplicate() throws Exception {
        String body = HubWebhookServer.payload("discussion.create.pr.json").toString();
        assertEquals(202, hub.post(body).statusCode());
        var replay = hub.post(body);
        assertEquals(200, replay.statusCode());
        assertTrue(replay.body().contains("duplicate"), replay.body());
        assertEquals(1, hub.inbox.depth());
        Delivery d = queued().get(0);
        assertEquals(DeliveryKind.REVIEW, d.kind());
        assertEquals(PlatformId.HUB, d.platform());
        assertEquals("hub:open-lab/gpt-small#19", d.subject());
        assertEquals("discussion", d.event());
        assertEquals("create", d.action());
        assertNull(d.headSha());
        assertEquals(NewDelivery.hubKey(body.getBytes(StandardCharsets.UTF_8)), d.key());
    }

    @Test
    void aPushToAPullRequestRefIsAReviewOfThatHead() throws Exception {
        assertEquals(202, hub.post(HubWebhookServer.payload("repo.content.pr.json").toString()).statusCode());
        Delivery d = queued().get(0);
        assertEquals(DeliveryKind.REVIEW, d.kind());
        assertEquals("hub:open-lab/gpt-small#19", d.subject());
        assertEquals("9f1e0c3b6a2d4e5f708192a3b4c5d6e7f8091a2b", d.headSha());
    }

    @Test
    void onePushNamingSeveralPullRequestsQueuesOneReviewEach() throws Exception {
        ObjectNode p = HubWebhookServer.payload("repo.content.pr.json");
        var refs = p.withArray("updatedRefs");
        refs.addObject().put("ref", "refs/pr/20").putNull("oldSha").put("newSha", "a".repeat(40));
        refs.addObject().put("ref", "refs/heads/main").put("oldSha", "b".repeat(40)).put("newSha", "c".repeat(40));
        refs.addObject().put("ref", "refs/pr/21").put("oldSha", "d".repeat(40)).putNull("newSha"); // deleted ref
        assertEquals(202, hub.post(p.toString()).statusCode());
        assertEquals(200, hub.post(p.toString()).statusCode(), "a replay of a multi-PR push is a duplicate too");
        assertEquals(2, hub.inbox.depth());
        var subjects = queued().stream().map(d -> d.subject() + "@" + d.headSha().charAt(0)).sorted().toList();
        assertEquals(List.of("hub:open-lab/gpt-small#19@9", "hub:open-lab/gpt-small#20@a"), subjects);
    }

    @Test
    void pushesToBranchesAndOtherScopesAreDropped() throws Exception {
        ObjectNode main = HubWebhookServer.payload("repo.content.pr.json");
        main.withArray("updatedRefs").removeAll().addObject().put("ref", "refs/heads/main")
                .put("oldSha", "b".repeat(40)).put("newSha", "c".repeat(40));
        assertEquals(202, hub.post(main.toString()).statusCode());
        ObjectNode config = HubWebhookServer.payload("repo.content.pr.json");
        config.withObjectProperty("event").put("scope", "repo.config");
        assertEquals(202, hub.post(config.toString()).statusCode());
        ObjectNode space = HubWebhookServer.payload("discussion.create.pr.json");
        space.withObjectProperty("repo").put("type", "space");
        assertEquals(202, hub.post(space.toString()).statusCode());
        ObjectNode discussion = HubWebhookServer.payload("discussion.create.pr.json");
        discussion.withObjectProperty("discussion").put("isPullRequest", false);
        assertEquals(202, hub.post(discussion.toString()).statusCode());
        assertEquals(0, hub.inbox.depth());
    }

    @Test
    void aRepositoryNameTheStoreCannotKeepIsRefusedWith400() throws Exception {
        for (String name : new String[] {"open-lab/gpt\u0000small", "open-lab/" + "g".repeat(3_000)}) {
            ObjectNode p = HubWebhookServer.payload("discussion.create.pr.json");
            p.withObjectProperty("repo").put("name", name);
            var response = hub.post(p.toString());
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("malformed event"), response.body());
        }
        assertEquals(0, hub.inbox.depth());
    }

    @Test
    void aDatasetPullRequestIsReviewedToo() throws Exception {
        ObjectNode p = HubWebhookServer.payload("discussion.create.pr.json");
        p.withObjectProperty("repo").put("type", "dataset").put("name", "cais/hle");
        assertEquals(202, hub.post(p.toString()).statusCode());
        assertEquals("hub:cais/hle#19", queued().get(0).subject());
    }

    @Test
    void mergedAndClosedPullRequestsAreRecordedAndUnknownSubScopesActAsUpdates() throws Exception {
        assertEquals(202, hub.post(HubWebhookServer.payload("discussion.update.merged.json").toString()).statusCode());
        ObjectNode future = HubWebhookServer.payload("discussion.update.merged.json");
        future.withObjectProperty("event").put("scope", "discussion.lock").put("action", "create");
        future.withObjectProperty("discussion").put("status", "closed");
        assertEquals(202, hub.post(future.toString()).statusCode());
        var kinds = queued().stream().map(d -> d.kind() + " " + d.event() + "." + d.action()).toList();
        assertEquals(List.of("OTHER discussion.update", "OTHER discussion.update"), kinds);
    }

    @Test
    void evalbotCommandsAreQueuedButTheBotsOwnReviewIsNot() throws Exception {
        assertEquals(202, hub.post(HubWebhookServer.payload("discussion.comment.create.json").toString()).statusCode());
        ObjectNode review = HubWebhookServer.payload("discussion.comment.create.json");
        review.withObjectProperty("comment").put("content", "<!-- evalbot:review -->\n**valid** · maintainers: <code>/evalbot help</code>");
        assertEquals(202, hub.post(review.toString()).statusCode());
        ObjectNode chat = HubWebhookServer.payload("discussion.comment.create.json");
        chat.withObjectProperty("comment").put("content", "Thanks, looks good!");
        assertEquals(202, hub.post(chat.toString()).statusCode());
        ObjectNode edited = HubWebhookServer.payload("discussion.comment.create.json");
        edited.withObjectProperty("event").put("action", "update");
        assertEquals(202, hub.post(edited.toString()).statusCode());
        List<Delivery> queued = queued();
        assertEquals(1, queued.size());
        assertEquals(DeliveryKind.COMMAND, queued.get(0).kind());
    }

    @Test
    void oversizedAndMalformedBodiesAreRefused() throws Exception {
        assertEquals(413, hub.post("{\"x\":\"" + "a".repeat(HubWebhookServer.MAX_BODY) + "\"}").statusCode());
        assertEquals(400, hub.post("not json").statusCode());
        assertEquals(400, hub.post("[1,2]").statusCode());
        assertEquals(0, hub.inbox.depth());
    }

    @Test
    void theRouteRefusesToRunWithoutASecret() {
        assertThrows(IllegalStateException.class, () -> new HubWebhookRoute(new HubSettings(null, null, "t"), hub.inbox,
                1024, Clock.systemUTC(), new SimpleMeterRegistry()));
    }
}
