package dev.evalbot.app.commands;

/** {@code /evalbot refresh}: rebuild the leaderboards this pull request's results feed, now. */
public final class RefreshCommand implements Command {
    @Override
    public String name() {
        return "refresh";
    }

    @Override
    public String usage() {
        return "/evalbot refresh";
    }

    @Override
    public String description() {
        return "refresh the affected leaderboards now";
    }

    @Override
    public Access requires() {
        return Access.MAINTAINER;
    }

    @Override
    public CommandResult run(Invocation in) {
        return CommandResult.done(CommandResult.FollowUp.REFRESH_BOARDS);
    }
}
