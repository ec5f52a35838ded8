package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestEvent.Trigger;
import dev.evalbot.app.event.PullRequestRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventReadsBackAsItWasWritten() {
        PullRequestRef github = new PullRequestRef(PlatformId.GITHUB, "o/r", "code", 12, "a".repeat(40), "b".repeat(40),
                "main", "alice", Set.of("eval/valid", "needs \"quotes\""), "4242");
        PullRequestRef hub = new PullRequestRef(PlatformId.HUB, "org/model", "model", 3, null, "refs/heads/main",
                "refs/heads/main", "id-123", Set.of(), null);
        List<PullRequestEvent> events = new ArrayList<>();
        for (Trigger t : Trigger.values()) {
            events.add(new PullRequestEvent.ReviewRequested(github, t));
        }
        events.add(new PullRequestEvent.CommentPosted(github, new Comment("9", "/evalbot hide\nspam ✓", "/evalbot",
                "bob", false, "carol", true, null)));
        events.add(new PullRequestEvent.CommentPosted(hub, new Comment("c1", "/evalbot recheck", null, null, false,
                null, false, "u-1")));
        events.add(new PullRequestEvent.Closed(github, true, "maintainer", null));
        events.add(new PullRequestEvent.Closed(hub, false, null, "closing: duplicate"));
        for (PullRequestEvent e : events) {
            assertEquals(e, codec.read(codec.write(e)), e.toString());
        }
    }

    @Test
    void aRowWithoutAnEventOrOfAnotherVersionIsReadFromItsPayloadInstead() {
        assertNull(codec.read(null));
        assertNull(codec.read("{\"v\":2,\"type\":\"review\"}"));
        assertNull(codec.read("not json"));
    }
}
