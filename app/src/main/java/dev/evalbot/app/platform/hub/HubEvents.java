package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent.Trigger;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.review.ReviewRenderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The Hub's webhooks in evalbot's words: which events evalbot acts on and what each one means, one
 * event per pull request; everything else is dropped. The only place that knows the Hub's scopes,
 * actions and statuses.
 */
final class HubEvents {
    /** A PR's target when the event does not name it (pushes to refs/pr/N carry no discussion). */
    static final String DEFAULT_BASE = "refs/heads/main";

    private HubEvents() {}

    static List<PullRequestEvent> read(HubEvent e) {
        if (!e.reviewable() || e.scope() == null) {
            return List.of();
        }
        String action = e.action() == null ? "" : e.action();
        return switch (e.scope()) {
            case "repo.content" -> pushes(e);
            case "discussion" -> {
                if (!e.isPullRequest() || e.number() <= 0) {
                    yield List.of();
                }
                if (action.equals("create")) {
                    yield List.of(new PullRequestEvent.ReviewRequested(ref(e, e.number(), null), Trigger.OPENED));
                }
                if (action.equals("update")) {
                    String status = e.status() == null ? "" : e.status();
                    if (status.equals("merged") || status.equals("closed")) {
                        yield List.of(new PullRequestEvent.Closed(ref(e, e.number(), null), status.equals("merged"),
                                e.commentAuthorId(), e.commentContent()));
                    }
                    // The Hub does not say what changed: an open PR may have been reopened (or left
                    // draft), so review it again; an unchanged review writes nothing.
                    if (status.equals("open")) {
                        yield List.of(new PullRequestEvent.ReviewRequested(ref(e, e.number(), null), Trigger.UPDATED));
                    }
                }
                yield List.of();
            }
            case "discussion.comment" -> {
                String content = e.commentContent() == null ? "" : e.commentContent();
                boolean command = content.toLowerCase(Locale.ROOT).contains("/evalbot")
                        // evalbot's own review mentions /evalbot help: it must never run as a command.
                        && !content.contains(ReviewRenderer.MARKER);
                yield action.equals("create") && e.isPullRequest() && e.number() > 0 && command && !e.commentHidden()
                        && e.commentId() != null
                        // The payload names the author by id only: the command port looks the name up.
                        ? List.of(new PullRequestEvent.CommentPosted(ref(e, e.number(), null), new Comment(
                                e.commentId(), content, null, null, false, null, false, e.commentAuthorId())))
                        : List.of();
            }
            default -> List.of();
        };
    }

    /** A push to {@code refs/pr/N} reviews PR N at the new head; one event per PR, deleted refs skipped. */
    private static List<PullRequestEvent> pushes(HubEvent e) {
        Map<Integer, PullRequestEvent> byNumber = new LinkedHashMap<>();
        for (HubEvent.UpdatedRef ref : e.updatedRefs()) {
            OptionalInt n = ref.pullRequest();
            if (n.isPresent() && ref.newSha() != null) {
                byNumber.put(n.getAsInt(), new PullRequestEvent.ReviewRequested(ref(e, n.getAsInt(), ref.newSha()),
                        Trigger.PUSHED));
            }
        }
        return new ArrayList<>(byNumber.values());
    }

    /**
     * Pull request {@code number} of the event's repository. {@code baseSha} holds the base ref: the
     * Hub reads files by any revision, and the PR's target branch is what a changed eval.yaml is
     * compared with. A discussion event names no head: the pipeline pins the review to the head
     * {@code refs/pr/N} has then.
     */
    static PullRequestRef ref(HubEvent e, int number, String headSha) {
        String base = e.baseRef() != null ? e.baseRef() : DEFAULT_BASE;
        return new PullRequestRef(PlatformId.HUB, e.repo(), e.repoType(), number, headSha, base, base, e.authorId(),
                Set.of(), null);
    }

    /**
     * A stored delivery's event, read from its payload as the intake reads it (a delivery stored
     * without one). One body may name several pull requests: the delivery's subject says which.
     */
    public static Optional<PullRequestEvent> read(Delivery d, ObjectMapper json) throws IOException {
        return read(HubEvent.parse(json.readTree(d.payload()))).stream()
                .filter(e -> e.pr().subject().equals(d.subject())).findFirst();
    }
}
