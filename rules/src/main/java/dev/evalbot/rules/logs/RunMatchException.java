package dev.evalbot.rules.logs;

/**
 * A run the log alone cannot place: which registered task, which metric, or on which scale. The
 * message says what, and which flag of {@code import inspect} supplies it.
 */
public final class RunMatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunMatchException(String message) {
        super(message);
    }
}
