package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import java.time.Instant;

/**
 * A stored delivery handed to a worker.
 *
 * @param id arrival order within the inbox
 * @param attempt 1 for the first run, 2 for the first retry, and so on
 * @param payload the raw body (shared: do not change it)
 * @param pullRequestEvent what the delivery means, as its platform's intake read it; null for a
 *     delivery stored without one (its platform reads the payload again)
 */
public record Delivery(long id, PlatformId platform, String key, String event, String action, String subject,
        String headSha, DeliveryKind kind, byte[] payload, Instant receivedAt, int attempt,
        PullRequestEvent pullRequestEvent) {
    @Override
    public String toString() {
        return "Delivery[" + id + " " + platform.code() + " " + key + " " + event
                + (action == null ? "" : "." + action) + " " + subject + " attempt " + attempt + "]";
    }
}
