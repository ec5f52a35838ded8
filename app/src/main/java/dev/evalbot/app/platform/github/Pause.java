package dev.evalbot.app.platform.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How a worker waits for GitHub's budget: asleep in production, a clock moved on in tests. */
@FunctionalInterface
interface Pause {
    void until(Instant deadline) throws InterruptedException;

    /** Sleeps until the clock reads {@code deadline}. */
    static Pause sleeping(Clock clock) {
        return deadline -> {
            Duration left = Duration.between(clock.instant(), deadline);
            if (!left.isNegative() && !left.isZero()) {
                Thread.sleep(Math.max(1, left.toMillis()));
            }
        };
    }
}
