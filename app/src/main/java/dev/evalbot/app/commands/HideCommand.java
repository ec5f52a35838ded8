package dev.evalbot.app.commands;

import dev.evalbot.app.review.OwnedLabels;
import dev.evalbot.app.review.Platform;
import java.util.Set;

/** {@code /evalbot hide}: label hidden; the results stay reviewed but off the leaderboards. */
public final class HideCommand implements Command {
    private final Decisions decisions;
    private final Platform platform;

    public HideCommand(Decisions decisions, Platform platform) {
        this.decisions = decisions;
        this.platform = platform;
    }

    @Override
    public String name() {
        return "hide";
    }

    @Override
    public String usage() {
        return "/evalbot hide";
    }

    @Override
    public String description() {
        return "label `" + OwnedLabels.HIDDEN + "` and keep the results off the leaderboards";
    }

    @Override
    public Access requires() {
        return Access.MAINTAINER;
    }

    @Override
    public CommandResult run(Invocation in) {
        decisions.put(in.key(), decisions.get(in.key()).hide(true));
        platform.setLabels(in.pr(), Set.of(OwnedLabels.HIDDEN), Set.of());
        return CommandResult.done(CommandResult.FollowUp.REVIEW, CommandResult.FollowUp.REFRESH_BOARDS);
    }
}
