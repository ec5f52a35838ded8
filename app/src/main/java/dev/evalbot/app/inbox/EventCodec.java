package dev.evalbot.app.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestEvent.Closed;
import dev.evalbot.app.event.PullRequestEvent.CommentPosted;
import dev.evalbot.app.event.PullRequestEvent.ReviewRequested;
import dev.evalbot.app.event.PullRequestEvent.Trigger;
import dev.evalbot.app.event.PullRequestRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A delivery's event as the deliveries table keeps it: compact JSON with a version, written by the
 * intake and read by the worker. Written field by field (no reflection), so that renaming a Java
 * field never changes what is stored, and a row written by an older version still reads.
 */
public final class EventCodec {
    static final int VERSION = 1;

    private final ObjectMapper json = new ObjectMapper();

    public String write(PullRequestEvent event) {
        ObjectNode root = json.createObjectNode();
        root.put("v", VERSION);
        if (event instanceof ReviewRequested r) {
            root.put("type", "review").put("trigger", r.trigger().name());
        } else if (event instanceof CommentPosted c) {
            root.put("type", "comment");
            Comment m = c.comment();
            root.putObject("comment").put("id", m.commentId()).put("body", m.body()).put("previous", m.previousBody())
                    .put("actor", m.actor()).put("actorIsBot", m.actorIsBot()).put("author", m.commentAuthor())
                    .put("authorIsBot", m.commentAuthorIsBot()).put("actorId", m.actorId());
        } else if (event instanceof Closed c) {
            root.put("type", "closed").put("merged", c.merged()).put("by", c.by()).put("note", c.note());
        }
        PullRequestRef pr = event.pr();
        ObjectNode ref = root.putObject("pr");
        ref.put("platform", pr.platform().code()).put("repo", pr.repo()).put("repoType", pr.repoType())
                .put("number", pr.number()).put("head", pr.headSha()).put("baseSha", pr.baseSha())
                .put("baseRef", pr.baseRef()).put("author", pr.author()).put("access", pr.access());
        ArrayNode labels = ref.putArray("labels");
        pr.labels().forEach(labels::add);
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stored event, or null when there is none (a delivery stored before events were) or it is
     * of a version this one cannot read: the platform then reads the payload again.
     */
    public PullRequestEvent read(String stored) {
        if (stored == null) {
            return null;
        }
        JsonNode root;
        try {
            root = json.readTree(stored);
        } catch (IOException e) {
            return null;
        }
        if (root == null || root.path("v").asInt(0) != VERSION) {
            return null;
        }
        PullRequestRef pr = ref(root.path("pr"));
        return switch (root.path("type").asText("")) {
            case "review" -> new ReviewRequested(pr, Trigger.valueOf(root.path("trigger").asText()));
            case "comment" -> {
                JsonNode m = root.path("comment");
                yield new CommentPosted(pr, new Comment(text(m, "id"), text(m, "body"), text(m, "previous"),
                        text(m, "actor"), m.path("actorIsBot").asBoolean(), text(m, "author"),
                        m.path("authorIsBot").asBoolean(), text(m, "actorId")));
            }
            case "closed" -> new Closed(pr, root.path("merged").asBoolean(), text(root, "by"), text(root, "note"));
            default -> null;
        };
    }

    private static PullRequestRef ref(JsonNode r) {
        Set<String> labels = new LinkedHashSet<>();
        r.path("labels").forEach(l -> labels.add(l.asText()));
        return new PullRequestRef(PlatformId.of(r.path("platform").asText()), text(r, "repo"), text(r, "repoType"),
                r.path("number").asInt(), text(r, "head"), text(r, "baseSha"), text(r, "baseRef"), text(r, "author"),
                labels, text(r, "access"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
