package dev.evalbot.app.commands;

import dev.evalbot.app.review.OwnedLabels;
import dev.evalbot.app.review.Platform;
import java.util.Set;

/**
 * {@code /evalbot reject <reason>}: label rejected (and no longer approved), kept off the
 * leaderboards; closes the pull request when the repository's {@code commands.reject_closes} says so.
 * The reason is required: the author deserves to know why.
 */
public final class RejectCommand implements Command {
    private final Decisions decisions;
    private final Platform platform;
    private final CommandPlatform host;

    public RejectCommand(Decisions decisions, Platform platform, CommandPlatform host) {
        this.decisions = decisions;
        this.platform = platform;
        this.host = host;
    }

    @Override
    public String name() {
        return "reject";
    }

    @Override
    public String usage() {
        return "/evalbot reject <reason>";
    }

    @Override
    public String description() {
        return "label `" + OwnedLabels.REJECTED + "` and keep the results off the leaderboards; closes the pull "
                + "request when `.evalbot.yml` sets `commands.reject_closes: true`";
    }

    @Override
    public Access requires() {
        return Access.MAINTAINER;
    }

    @Override
    public CommandResult run(Invocation in) {
        if (in.argument().isBlank()) {
            return new CommandResult.Failed("`/evalbot reject` needs a reason: `/evalbot reject <reason>`.");
        }
        decisions.put(in.key(), decisions.get(in.key()).reject());
        platform.setLabels(in.pr(), Set.of(OwnedLabels.REJECTED), Set.of(OwnedLabels.APPROVED));
        if (in.config().rejectCloses()) {
            host.close(in.pr(), in.argument());
        }
        return CommandResult.done(CommandResult.FollowUp.REVIEW, CommandResult.FollowUp.REFRESH_BOARDS);
    }
}
