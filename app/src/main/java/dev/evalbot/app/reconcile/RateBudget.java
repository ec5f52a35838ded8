package dev.evalbot.app.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What sweeps may still spend of each rate limit (GitHub: one per installation, one for the App,
 * one for a plain token), from the {@code X-RateLimit-*} headers of their own answers. A sweep
 * spends at most {@code share} of a window's limit, and none while less than {@code reserve} of it
 * remains: then it stops until the window resets (an hour on GitHub), leaving the rest to reviews.
 * A 304 costs nothing (GitHub does not count it). Used by one sweep at a time.
 */
public final class RateBudget {
    /** Thrown before a request the budget does not allow: the sweep of that key stops. */
    public static final class Spent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Spent(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Window {
        long limit = -1;
        long remaining = -1;
        Instant reset;
        int spent;
        Instant pausedUntil;
    }

    private final double share;
    private final double reserve;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    public RateBudget(double share, double reserve, Clock clock) {
        this.share = share;
        this.reserve = reserve;
        this.clock = clock;
    }

    /** @throws Spent when {@code key}'s budget allows no request now */
    public synchronized void before(String key) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        Instant now = clock.instant();
        if (w.reset != null && !now.isBefore(w.reset)) {
            w.spent = 0; // a new window
            w.reset = null;
            w.remaining = -1;
        }
        if (w.pausedUntil != null) {
            if (now.isBefore(w.pausedUntil)) {
                throw new Spent("rate limit of " + key + " low: sweeps wait until " + w.pausedUntil);
            }
            w.pausedUntil = null;
        }
        if (w.limit > 0 && w.spent >= Math.max(1, (long) (w.limit * share))) {
            throw new Spent("sweeps spent their share (" + share + ") of the rate limit of " + key
                    + (w.reset == null ? "" : " until " + w.reset));
        }
    }

    /**
     * Reads an answer's rate-limit headers.
     *
     * @param counted whether the request counted against the limit (not a 304)
     */
    public synchronized void after(String key, boolean counted, String limit, String remaining, String reset) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        if (counted) {
            w.spent++;
        }
        Long l = number(limit);
        Long r = number(remaining);
        Long s = number(reset);
        if (l != null && l > 0) {
            w.limit = l;
        }
        if (s != null) {
            w.reset = Instant.ofEpochSecond(s);
        }
        if (r != null) {
            w.remaining = r;
            if (w.limit > 0 && r < w.limit * reserve) {
                w.pausedUntil = w.reset != null ? w.reset : clock.instant().plusSeconds(3600);
            }
        }
    }

    /** The platform asked to wait (a rate limit reached, a secondary limit): nothing until then. */
    public synchronized void pause(String key, Instant until) {
        windows.computeIfAbsent(key, k -> new Window()).pausedUntil = until != null ? until
                : clock.instant().plusSeconds(3600);
    }

    /** Requests {@code key} counted in its current window, for tests and the log. */
    public synchronized int spent(String key) {
        Window w = windows.get(key);
        return w == null ? 0 : w.spent;
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
