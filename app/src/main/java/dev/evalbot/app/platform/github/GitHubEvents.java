package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent.Trigger;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's webhooks in evalbot's words: which events evalbot acts on and what each one means. The
 * only place that knows GitHub's event and action names; the intake reads each payload here once.
 */
public final class GitHubEvents {
    /** The events evalbot may act on; the payloads of all others are never read. */
    static final Set<String> ACTED_ON = Set.of("pull_request", "issue_comment");
    /** What a queued review found by a sweep carries as its action (the reconciler's journal word). */
    static final String SWEPT_ACTION = "reconciled";

    private GitHubEvents() {}

    /** The event a payload means, or empty when evalbot does nothing with it. */
    static Optional<PullRequestEvent> read(String eventName, JsonNode root) {
        GitHubEvent e = GitHubEvent.parse(eventName, root);
        if (e.repo() == null || e.number() <= 0) {
            return Optional.empty();
        }
        String action = e.action() == null ? "" : e.action();
        return switch (eventName) {
            case "pull_request" -> pullRequest(e, action);
            case "issue_comment" -> comment(e, action, root);
            default -> Optional.empty();
        };
    }

    private static Optional<PullRequestEvent> pullRequest(GitHubEvent e, String action) {
        Trigger trigger = switch (action) {
            case "opened" -> Trigger.OPENED;
            case "synchronize" -> Trigger.PUSHED;
            case "reopened" -> Trigger.REOPENED;
            case "edited" -> e.baseChanged() ? Trigger.BASE_CHANGED : null;
            case SWEPT_ACTION -> Trigger.SWEPT;
            default -> null;
        };
        if (trigger != null) {
            return Optional.of(new PullRequestEvent.ReviewRequested(ref(e), trigger));
        }
        return action.equals("closed")
                ? Optional.of(new PullRequestEvent.Closed(ref(e), e.merged(), e.senderLogin(), null))
                : Optional.empty();
    }

    /** A comment created or edited on a pull request that mentions {@code /evalbot}, by a person. */
    private static Optional<PullRequestEvent> comment(GitHubEvent e, String action, JsonNode root) {
        boolean created = action.equals("created") || action.equals("edited");
        JsonNode comment = root.path("comment");
        String body = comment.path("body").asText("");
        // Comments by bots (evalbot included) never run commands.
        boolean command = body.toLowerCase(Locale.ROOT).contains("/evalbot") && !e.senderIsBot();
        if (!created || !e.isPullRequest() || !command) {
            return Optional.empty();
        }
        String previous = null;
        if (action.equals("edited")) {
            JsonNode from = root.path("changes").path("body").path("from");
            previous = from.isTextual() ? from.asText() : body; // no body change: nothing new to run
        }
        JsonNode author = comment.path("user");
        return Optional.of(new PullRequestEvent.CommentPosted(ref(e), new Comment(comment.path("id").asText(), body,
                previous, e.senderLogin() == null ? "" : e.senderLogin(), e.senderIsBot(),
                author.path("login").asText(""), "Bot".equals(author.path("type").asText()), null)));
    }

    /** The pull request the payload names; an {@code issue_comment} names no head. */
    static PullRequestRef ref(GitHubEvent e) {
        return new PullRequestRef(PlatformId.GITHUB, e.repo(), "code", e.number(), e.headSha(), e.baseSha(),
                e.baseRef(), e.author(), e.labels(), e.installationId() == null ? null : e.installationId().toString());
    }

    /** A stored delivery's event, read from its payload as the intake reads it (a delivery stored without one). */
    public static Optional<PullRequestEvent> read(Delivery d, ObjectMapper json) throws IOException {
        return read(d.event(), json.readTree(d.payload()));
    }
}
