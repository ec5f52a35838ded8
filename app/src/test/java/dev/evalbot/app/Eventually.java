package dev.evalbot.app;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that asynchronous work makes true (the server answers before it works).
 * Polls the condition itself, so a test never depends on how long the work takes, only that it
 * finishes within a generous bound.
 */
public final class Eventually {
    private Eventually() {}

    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(60), condition);
    }

    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
