package dev.evalbot.app.trust;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most N checks in flight per host, so one pull request full of links to one site cannot
 * hammer it. A host's semaphore lives only while someone holds or waits for it, so the map is
 * bounded by the checks in flight, not by every host ever seen.
 */
final class HostLimiter {
    private static final class Slot {
        final Semaphore semaphore;
        int users; // guarded by the map's per-key compute

        Slot(int permits) {
            semaphore = new Semaphore(permits);
        }
    }

    /** Held while checking; closing gives the permit back. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final int permits;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    HostLimiter(int permits) {
        this.permits = permits;
    }

    /** A permit for {@code host}, or null when none came free within the timeout. */
    Permit acquire(String host, long timeout, TimeUnit unit) throws InterruptedException {
        Slot slot = slots.compute(host, (h, s) -> {
            Slot held = s == null ? new Slot(permits) : s;
            held.users++;
            return held;
        });
        boolean acquired = false;
        try {
            acquired = slot.semaphore.tryAcquire(timeout, unit);
        } finally {
            if (!acquired) {
                leave(host);
            }
        }
        if (!acquired) {
            return null;
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                slot.semaphore.release();
                leave(host);
            }
        };
    }

    /** Hosts with a check in flight or waiting; for tests and metrics. */
    int trackedHosts() {
        return slots.size();
    }

    private void leave(String host) {
        slots.computeIfPresent(host, (h, s) -> --s.users == 0 ? null : s);
    }
}
