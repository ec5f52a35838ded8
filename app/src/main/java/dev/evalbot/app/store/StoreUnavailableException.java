package dev.evalbot.app.store;

/**
 * The store cannot commit right now: database locked past the busy timeout, disk full, read-only
 * file, PostgreSQL down or out of connections. Nothing was stored; the webhook server answers 503
 * so that the sender delivers again later, and {@code /readyz} reports not ready.
 */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
