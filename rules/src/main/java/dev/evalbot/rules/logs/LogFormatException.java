package dev.evalbot.rules.logs;

/** A log that cannot be read as what it claims to be: the message says what was expected, and where. */
public final class LogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogFormatException(String message) {
        super(message);
    }
}
