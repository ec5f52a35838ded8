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
 */
public record InboxConfig(Duration lease, RetryPolicy retry, Duration hubDedupeWindow, Duration retention,
        int maxErrorChars) {
    public static final InboxConfig DEFAULT = new InboxConfig(Duration.ofMinutes(2), RetryPolicy.DEFAULT,
            Duration.ofHours(24), Duration.ofDays(7), 2000);

    public InboxConfig {
        if (lease.toMillis() < 1 || hubDedupeWindow.isNegative() || retention.isNegative() || maxErrorChars < 1) {
            throw new IllegalArgumentException("inbox durations must be positive");
        }
    }

    public InboxConfig withRetry(RetryPolicy policy) {
        return new InboxConfig(lease, policy, hubDedupeWindow, retention, maxErrorChars);
    }

    public InboxConfig withLease(Duration d) {
        return new InboxConfig(d, retry, hubDedupeWindow, retention, maxErrorChars);
    }
}
