package dev.evalbot.app.commands;

/** {@code /evalbot recheck}: review again now, without the trust caches (sources, tokens). */
public final class RecheckCommand implements Command {
    @Override
    public String name() {
        return "recheck";
    }

    @Override
    public String usage() {
        return "/evalbot recheck";
    }

    @Override
    public String description() {
        return "review again now, checking sources and tokens afresh";
    }

    @Override
    public Access requires() {
        return Access.AUTHOR;
    }

    @Override
    public CommandResult run(Invocation in) {
        return CommandResult.done(CommandResult.FollowUp.FRESH_REVIEW);
    }
}
