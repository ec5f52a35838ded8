package dev.evalbot.app.commands;

import dev.evalbot.app.review.OwnedLabels;
import dev.evalbot.app.review.Platform;
import java.util.Set;

/** {@code /evalbot unhide}: remove the hidden label; the results count on the leaderboards again. */
public final class UnhideCommand implements Command {
    private final Decisions decisions;
    private final Platform platform;

    public UnhideCommand(Decisions decisions, Platform platform) {
        this.decisions = decisions;
        this.platform = platform;
    }

    @Override
    public String name() {
        return "unhide";
    }

    @Override
    public String usage() {
        return "/evalbot unhide";
    }

    @Override
    public String description() {
        return "remove `" + OwnedLabels.HIDDEN + "`: the results count on the leaderboards again";
    }

    @Override
    public Access requires() {
        return Access.MAINTAINER;
    }

    @Override
    public CommandResult run(Invocation in) {
        decisions.put(in.key(), decisions.get(in.key()).hide(false));
        platform.setLabels(in.pr(), Set.of(), Set.of(OwnedLabels.HIDDEN));
        return CommandResult.done(CommandResult.FollowUp.REVIEW, CommandResult.FollowUp.REFRESH_BOARDS);
    }
}
