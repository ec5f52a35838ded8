package dev.evalbot.app.platform.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestEvent.Trigger;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Forge's payload in evalbot's words: the one place Forge's vocabulary ({@code kind}: opened,
 * pushed, comment, closed) is read. The intake reads each body here once; the lane's stored-event
 * reader is the same reading.
 *
 * <pre>{"kind":"opened", "repo":"o/n", "number":1, "head":"sha", "base":"main", "author":"alice",
 *  "comment":{"id":"7","body":"/evalbot help","author":"maintainer"}, "merged":false, "by":"maintainer"}</pre>
 */
final class ForgeEvents {
    static final PlatformId FORGE = PlatformId.of("forge");

    private ForgeEvents() {}

    /**
     * The event a payload asks evalbot to act on, or empty for a kind evalbot does not use.
     *
     * @throws IllegalArgumentException when the payload names no repository or pull request number
     */
    static Optional<PullRequestEvent> read(JsonNode root) {
        String repo = text(root, "repo");
        int number = root.path("number").asInt(0);
        if (repo == null || !repo.matches("[^/\\s]+/[^/\\s]+") || number < 1) {
            throw new IllegalArgumentException("a Forge event names its repo (owner/name) and number");
        }
        String base = text(root, "base");
        String author = text(root, "author");
        return Optional.ofNullable(switch (root.path("kind").asText("")) {
            case "opened" -> new PullRequestEvent.ReviewRequested(ref(repo, number, text(root, "head"), base, author),
                    Trigger.OPENED);
            case "pushed" -> new PullRequestEvent.ReviewRequested(ref(repo, number, text(root, "head"), base, author),
                    Trigger.PUSHED);
            case "comment" -> {
                JsonNode c = root.path("comment");
                String by = text(c, "author");
                yield new PullRequestEvent.CommentPosted(ref(repo, number, null, base, author),
                        new Comment(text(c, "id"), text(c, "body"), null, by, false, by, false, null));
            }
            case "closed" -> new PullRequestEvent.Closed(ref(repo, number, text(root, "head"), base, author),
                    root.path("merged").asBoolean(false), text(root, "by"), null);
            default -> null;
        });
    }

    /** The lane's reading of a stored delivery: the intake's, of the same bytes. */
    static Optional<PullRequestEvent> read(Delivery delivery, ObjectMapper json) throws IOException {
        return read(json.readTree(delivery.payload()));
    }

    /** Forge compares a head with its base branch, as the Hub does: the base is a ref, not a sha. */
    private static PullRequestRef ref(String repo, int number, String head, String base, String author) {
        return new PullRequestRef(FORGE, repo, "code", number, head, base, base, author, Set.of(), null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
