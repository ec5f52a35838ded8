package dev.evalbot.app.inbox;

import java.time.Duration;

/**
 * @param lease how long a claim holds a delivery before another worker may take it; workers renew it
 *     while they run, so it bounds how long a dead replica's work waits, not how long work may take
 * @param retry backoff and attempts
 * @param hubDedupeWindow how long a Hub body counts as already seen (the Hub has no delivery id, and
 *     the same body may legitimately come again much later)
 * @param retention how long completed deliveries are kept (for duplicates and for inspection)
 * @param maxErrorChars longest error kept with a delivery
 * @param acceptTimeout how long {@link Inbox#accept} waits for its delivery to be committed before it
 *     reports the store unavailable (the server answers 503); well under the 10 s a sender waits
 * @param maxBatch most deliveries committed in one transaction
 * @param maxBatchBytes most payload bytes committed in one transaction (a larger single delivery still
 *     goes, alone)
 */
public record InboxConfig(Duration lease, RetryPolicy retry, Duration hubDedupeWindow, Duration retention,
        int maxErrorChars, Duration acceptTimeout, int maxBatch, int maxBatchBytes) {
    public static final InboxConfig DEFAULT = new InboxConfig(Duration.ofMinutes(2), RetryPolicy.DEFAULT,
            Duration.ofHours(24), Duration.ofDays(7), 2000, Duration.ofSeconds(5), 500, 16 * 1024 * 1024);

    public InboxConfig {
        if (lease.toMillis() < 1 || hubDedupeWindow.isNegative() || retention.isNegative() || maxErrorChars < 1
                || acceptTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("inbox durations must be positive");
        }
        if (maxBatch < 1 || maxBatchBytes < 1) {
            throw new IllegalArgumentException("an accept batch holds at least one delivery");
        }
    }

    public InboxConfig withRetry(RetryPolicy policy) {
        return new InboxConfig(lease, policy, hubDedupeWindow, retention, maxErrorChars, acceptTimeout, maxBatch,
                maxBatchBytes);
    }

    public InboxConfig withLease(Duration d) {
        return new InboxConfig(d, retry, hubDedupeWindow, retention, maxErrorChars, acceptTimeout, maxBatch,
                maxBatchBytes);
    }

    public InboxConfig withAcceptTimeout(Duration d) {
        return new InboxConfig(lease, retry, hubDedupeWindow, retention, maxErrorChars, d, maxBatch, maxBatchBytes);
    }
}
