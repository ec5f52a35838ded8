package dev.evalbot.app.server;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.Outcome;
import java.util.Optional;

/**
 * How one platform's deliveries read: the only part of handling a delivery that differs between
 * platforms. {@link PullRequestDeliveryHandler} does the rest, the same for every platform.
 */
public interface PlatformEvents {
    /** A pull request that left the open state. */
    record Closing(PullRequestRef pr, boolean merged) {}

    /** The pull request a review delivery asks for, pinned to the head it is to review. */
    PullRequestRef reviewed(Delivery delivery) throws Exception;

    /** Whether a retried review first says "pending" (platforms with commit statuses do). */
    boolean pendingOnRetry();

    /** Runs the maintainer commands a comment delivery holds. */
    Outcome command(Delivery delivery) throws Exception;

    /** The merge or close a delivery reports, if it reports one. */
    Optional<Closing> closing(Delivery delivery) throws Exception;
}
