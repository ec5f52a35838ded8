package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PullRequestEvent;

/**
 * What a delivery asks for, which decides whether newer work may replace it. The webhook server
 * chooses it when it accepts the delivery.
 */
public enum DeliveryKind {
    /**
     * Review the pull request at its head sha (opened, synchronize, reopened, edited; Hub PR pushes).
     * Only the newest head matters, so queued review work for an older head is superseded.
     */
    REVIEW("review"),
    /** A slash-command comment: every one is an instruction from a person and always runs. */
    COMMAND("command"),
    /** Everything else (closed, merged, installation, ping): always runs, in order. */
    OTHER("other");

    private final String code;

    DeliveryKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static DeliveryKind of(String code) {
        for (DeliveryKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown delivery kind: " + code);
    }

    /** What the queue does with a delivery of this event: the one place that says so. */
    public static DeliveryKind of(PullRequestEvent event) {
        if (event instanceof PullRequestEvent.ReviewRequested) {
            return REVIEW;
        }
        return event instanceof PullRequestEvent.CommentPosted ? COMMAND : OTHER;
    }
}
