package dev.evalbot.app.store;

/** The store failed in a way that retrying will not fix by itself (a bug, a schema mismatch). */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure that happened on a committer thread, again for the thread that waited for it: same
     * type and message, with the waiting caller's stack. Errors are rethrown as they are.
     *
     * @param context prefix for the message of a checked cause
     */
    public static RuntimeException inCaller(Throwable cause, String context) {
        if (cause instanceof StoreUnavailableException e) {
            return new StoreUnavailableException(e.getMessage(), e);
        }
        if (cause instanceof StoreException e) {
            return new StoreException(e.getMessage(), e);
        }
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new StoreException(context + cause, cause);
    }
}
