package dev.evalbot.app.inbox;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/** Picks an actual delay from zero up to a backoff ceiling. */
@FunctionalInterface
public interface Jitter {
    Duration pick(Duration ceiling);

    /**
     * "Full jitter": uniform over [0, ceiling]. Spreads the retries of a burst that failed together
     * (a rate limit hit by every worker at once) instead of sending them back in lockstep.
     */
    static Jitter full() {
        return ceiling -> Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling.toMillis() + 1));
    }

    /** Full jitter from a seeded generator: the same seed gives the same schedule (tests). */
    static Jitter seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return ceiling -> {
            synchronized (random) {
                return Duration.ofMillis(random.nextLong(ceiling.toMillis() + 1));
            }
        };
    }

    /** No delay at all (tests that want retries to be due at once). */
    static Jitter none() {
        return ceiling -> Duration.ZERO;
    }

    /** Always the ceiling: plain exponential backoff. */
    static Jitter ceiling() {
        return ceiling -> ceiling;
    }
}
