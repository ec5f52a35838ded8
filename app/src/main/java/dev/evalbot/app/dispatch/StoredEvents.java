package dev.evalbot.app.dispatch;

import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.inbox.Delivery;
import java.util.Optional;

/**
 * A platform's reading of a stored payload, for deliveries accepted before events were stored with
 * them: the same reading its intake does. Empty when the payload asks nothing of evalbot.
 */
@FunctionalInterface
public interface StoredEvents {
    Optional<PullRequestEvent> read(Delivery delivery) throws Exception;
}
