package dev.evalbot.app.platform.hub;

import dev.evalbot.app.inbox.DeliveryKind;
import dev.evalbot.app.review.ReviewRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Which work a Hub event asks of evalbot; everything else is dropped. */
public final class HubRouting {
    private HubRouting() {}

    /**
     * One unit of work for pull request {@code number}.
     *
     * @param headSha the PR head the event names, or null (discussion events carry none)
     */
    public record Work(DeliveryKind kind, int number, String headSha) {}

    public static List<Work> route(HubEvent e) {
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
                    yield List.of(new Work(DeliveryKind.REVIEW, e.number(), null));
                }
                if (action.equals("update")) {
                    String status = e.status() == null ? "" : e.status();
                    if (status.equals("merged") || status.equals("closed")) {
                        yield List.of(new Work(DeliveryKind.OTHER, e.number(), null));
                    }
                    // The Hub does not say what changed: an open PR may have been reopened (or left
                    // draft), so review it again; an unchanged review writes nothing.
                    if (status.equals("open")) {
                        yield List.of(new Work(DeliveryKind.REVIEW, e.number(), null));
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
                        ? List.of(new Work(DeliveryKind.COMMAND, e.number(), null)) : List.of();
            }
            default -> List.of();
        };
    }

    /** A push to {@code refs/pr/N} reviews PR N at the new head; one unit per PR, deleted refs skipped. */
    private static List<Work> pushes(HubEvent e) {
        Map<Integer, Work> byNumber = new LinkedHashMap<>();
        for (HubEvent.UpdatedRef ref : e.updatedRefs()) {
            OptionalInt n = ref.pullRequest();
            if (n.isPresent() && ref.newSha() != null) {
                byNumber.put(n.getAsInt(), new Work(DeliveryKind.REVIEW, n.getAsInt(), ref.newSha()));
            }
        }
        return new ArrayList<>(byNumber.values());
    }
}
