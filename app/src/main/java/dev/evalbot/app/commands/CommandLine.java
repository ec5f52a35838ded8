package dev.evalbot.app.commands;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code /evalbot} line as written: the command word (lower case) and the rest of the line
 * with runs of whitespace collapsed. Two lines are the same command when both parts are equal,
 * which is how an edited comment tells its new commands from the ones it already held.
 */
public record CommandLine(String word, String argument) {
    public CommandLine {
        word = Objects.requireNonNull(word, "word").toLowerCase(Locale.ROOT);
        argument = argument == null ? "" : argument;
    }

    /** As a person would type it, for replies and logs. */
    public String text() {
        return CommandParser.PREFIX + " " + word + (argument.isEmpty() ? "" : " " + argument);
    }
}
