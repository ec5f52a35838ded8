package dev.evalbot.app.store;

/** The store failed in a way that retrying will not fix by itself (a bug, a schema mismatch). */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
