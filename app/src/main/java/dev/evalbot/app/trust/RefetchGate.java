package dev.evalbot.app.trust;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one caller through per interval, so a flood of tokens with made-up key ids cannot turn
 * into a flood of key-set fetches. Lock-free; time comes from the injected clock.
 */
final class RefetchGate {
    private static final long NEVER = Long.MIN_VALUE;

    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong lastPass = new AtomicLong(NEVER);

    RefetchGate(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** True for at most one caller per interval. */
    boolean tryPass() {
        long now = clock.millis();
        long last = lastPass.get();
        if (last != NEVER && now - last < intervalMillis) {
            return false;
        }
        return lastPass.compareAndSet(last, now);
    }
}
