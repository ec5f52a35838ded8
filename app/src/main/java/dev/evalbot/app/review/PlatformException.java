package dev.evalbot.app.review;

import java.time.Instant;

/**
 * A platform call that failed. {@code retryable} failures (5xx, 429, secondary rate limits,
 * connection errors) go back to the inbox; {@code notBefore} carries the platform's own advice
 * (Retry-After, X-RateLimit-Reset) when it gave one.
 */
public final class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final transient Instant notBefore;
    private final int status;
    private final boolean budgetWait;

    public PlatformException(String message, int status, boolean retryable, Instant notBefore, Throwable cause) {
        this(message, status, retryable, notBefore, cause, false);
    }

    private PlatformException(String message, int status, boolean retryable, Instant notBefore, Throwable cause,
            boolean budgetWait) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.notBefore = notBefore;
        this.budgetWait = budgetWait;
    }

    /**
     * Nothing failed: the platform's rate budget has no room before {@code notBefore}, and the work
     * waits in the inbox until then rather than in a worker. The inbox does not count it as an attempt.
     */
    public static PlatformException budgetWait(String message, Instant notBefore) {
        return new PlatformException(message, 429, true, notBefore, null, true);
    }

    /** Whether this is a wait for the platform's budget rather than a failure. */
    public boolean budgetWait() {
        return budgetWait;
    }

    /**
     * A call that never got an answer (refused, unresolved, timed out): retryable, with the reason
     * in words even where the JDK gives none ({@code ConnectException} often has no message).
     */
    public static PlatformException unreachable(String what, Throwable e) {
        return new PlatformException("cannot reach " + what + ": " + reason(e), 0, true, null, e);
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                String m = t.getMessage().strip();
                int nl = m.indexOf('\n');
                return nl < 0 ? m : m.substring(0, nl);
            }
        }
        String name = e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        return cause == null ? name : name + " (" + cause.getClass().getSimpleName() + ")";
    }

    public boolean retryable() {
        return retryable;
    }

    /** When to try again at the earliest, or null for the default backoff. */
    public Instant notBefore() {
        return notBefore;
    }

    public int status() {
        return status;
    }
}
