package dev.evalbot.app.inbox;

import java.time.Duration;

/**
 * Exponential backoff with a cap and a bounded number of attempts.
 *
 * @param base ceiling of the delay after the first failed attempt; doubles after each further one
 * @param cap largest ceiling
 * @param maxAttempts attempts before a delivery is dead-lettered (the first run counts)
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 8);

    public RetryPolicy {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry base must be positive and not above the cap");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
    }

    /** The delay ceiling after attempt number {@code attempt} (1-based) failed: base * 2^(attempt-1), capped. */
    public Duration ceiling(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        long millis = base.toMillis();
        long capMillis = cap.toMillis();
        for (int i = 0; i < doublings && millis < capMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, capMillis));
    }

    public Duration delay(int attempt, Jitter jitter) {
        return jitter.pick(ceiling(attempt));
    }

    /** True when no attempt is left after attempt number {@code attempt}. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }
}
