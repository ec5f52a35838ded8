package dev.evalbot.app.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Bounded exponential backoff for transient Hub errors (5xx, 429, connection failures).
 *
 * @param attempts total tries, the first included
 * @param baseDelay wait before the first retry; doubles for each further one
 * @param maxDelay longest single wait; a {@code Retry-After} longer than this ends the retries
 * @param sleeper how to wait, injectable so that tests do not
 */
public record FetchRetry(int attempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
    /** Waits for a duration; {@link Thread#sleep} in production. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    public static final FetchRetry DEFAULT = new FetchRetry(3, Duration.ofMillis(200), Duration.ofSeconds(2),
            Sleeper.THREAD);

    public FetchRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay);
        Objects.requireNonNull(maxDelay);
        Objects.requireNonNull(sleeper);
    }

    public FetchRetry withSleeper(Sleeper s) {
        return new FetchRetry(attempts, baseDelay, maxDelay, s);
    }

    /**
     * The wait before retry number {@code retry} (1-based), or empty when the server asks for
     * longer than {@link #maxDelay}: a review should not hang on a rate limit.
     */
    public Optional<Duration> delayBefore(int retry, Optional<Duration> retryAfter) {
        Duration backoff = baseDelay.multipliedBy(1L << Math.min(20, retry - 1));
        if (backoff.compareTo(maxDelay) > 0) {
            backoff = maxDelay;
        }
        if (retryAfter.isPresent()) {
            if (retryAfter.get().compareTo(maxDelay) > 0) {
                return Optional.empty();
            }
            return Optional.of(retryAfter.get().compareTo(backoff) > 0 ? retryAfter.get() : backoff);
        }
        return Optional.of(backoff);
    }
}
