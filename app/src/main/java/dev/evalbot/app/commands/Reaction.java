package dev.evalbot.app.commands;

/** The feedback a command comment gets on platforms with reactions. */
public enum Reaction {
    /** Seen, working on it. */
    EYES,
    /** Done. */
    PLUS_ONE,
    /** Refused or failed (the reply says why). */
    MINUS_ONE
}
