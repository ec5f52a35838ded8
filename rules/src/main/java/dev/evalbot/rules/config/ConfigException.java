package dev.evalbot.rules.config;

/** A configuration file that cannot be used; the message names the file, line and column. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
