package dev.evalbot.app.reconcile;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.inbox.DeliveryKind;
import dev.evalbot.app.inbox.NewDelivery;
import dev.evalbot.app.store.PullRef;
import java.time.Instant;

/**
 * An open pull request a sweep found, with the review it asks for and the webhook-shaped payload
 * the journal shows for it.
 *
 * @param event and {@code payload}: what a webhook for this pull request would carry
 * @param requested the review to queue, found by a sweep
 */
public record OpenPull(PullRef pull, String headSha, String event, byte[] payload,
        PullRequestEvent.ReviewRequested requested) {
    /** The action the queued delivery carries, so that the journal says where it came from. */
    public static final String ACTION = "reconciled";

    /**
     * The delivery that queues its review. The key names the head: two sweeps (or two replicas)
     * finding the same head queue it once, and a webhook's delivery of that head still waiting
     * absorbs it (the inbox coalesces a review of a head already queued).
     */
    public NewDelivery delivery(Instant now) {
        return new NewDelivery(pull.platform(), "reconcile:" + pull.subject() + "@" + headSha, event, ACTION,
                pull.subject(), headSha, DeliveryKind.REVIEW, payload, now, requested);
    }

    public PlatformId platform() {
        return pull.platform();
    }
}
