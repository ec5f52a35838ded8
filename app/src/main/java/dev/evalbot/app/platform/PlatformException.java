package dev.evalbot.app.platform;

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

    public PlatformException(String message, int status, boolean retryable, Instant notBefore, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
        this.notBefore = notBefore;
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
