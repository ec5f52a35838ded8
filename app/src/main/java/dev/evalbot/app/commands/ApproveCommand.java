package dev.evalbot.app.commands;

import dev.evalbot.app.review.OwnedLabels;
import dev.evalbot.app.review.Platform;
import java.util.Set;

/**
 * {@code /evalbot approve [reason]}: label approved (and no longer rejected); the next review's
 * status is success even with warnings. Errors still fail: the pipeline never lets approval
 * override them.
 */
public final class ApproveCommand implements Command {
    private final Decisions decisions;
    private final Platform platform;

    public ApproveCommand(Decisions decisions, Platform platform) {
        this.decisions = decisions;
        this.platform = platform;
    }

    @Override
    public String name() {
        return "approve";
    }

    @Override
    public String usage() {
        return "/evalbot approve [reason]";
    }

    @Override
    public String description() {
        return "label `" + OwnedLabels.APPROVED + "`; the status passes even with warnings, never with errors";
    }

    @Override
    public Access requires() {
        return Access.MAINTAINER;
    }

    @Override
    public CommandResult run(Invocation in) {
        decisions.put(in.key(), decisions.get(in.key()).approve());
        platform.setLabels(in.pr(), Set.of(OwnedLabels.APPROVED), Set.of(OwnedLabels.REJECTED));
        return CommandResult.done(CommandResult.FollowUp.REVIEW, CommandResult.FollowUp.REFRESH_BOARDS);
    }
}
