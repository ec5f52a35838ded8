package dev.evalbot.app.commands;

/** One {@code /evalbot} command. Implementations are stateless apart from the services they are given. */
public interface Command {
    /** The command word, lower case. */
    String name();

    /** How to type it, e.g. {@code /evalbot approve [reason]}. */
    String usage();

    /** What it does, one sentence for the help. */
    String description();

    /** Who may run it. */
    Access requires();

    CommandResult run(Invocation in);
}
