package dev.evalbot.app.commands;

import dev.evalbot.app.review.Markdown;
import dev.evalbot.app.review.OwnedLabels;
import dev.evalbot.app.review.Platform;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /evalbot label add|remove NAME}: only labels under the repository's prefix, and never
 * the ones evalbot sets itself (the review's and the decisions'), so that a label cannot say
 * "approved" without the decision behind it.
 */
public final class LabelCommand implements Command {
    /** GitHub's limit on a label name. */
    static final int MAX_NAME = 50;
    private final Platform platform;

    public LabelCommand(Platform platform) {
        this.platform = platform;
    }

    @Override
    public String name() {
        return "label";
    }

    @Override
    public String usage() {
        return "/evalbot label add|remove NAME";
    }

    @Override
    public String description() {
        return "add or remove a label under the repository's prefix (`" + RepoConfig.DEFAULT_LABEL_PREFIX
                + "` unless `commands.label_prefix` says otherwise)";
    }

    @Override
    public Access requires() {
        return Access.MAINTAINER;
    }

    @Override
    public CommandResult run(Invocation in) {
        String[] parts = in.argument().split(" ", 2);
        String op = parts[0].toLowerCase(Locale.ROOT);
        if (parts.length < 2 || !(op.equals("add") || op.equals("remove"))) {
            return new CommandResult.Failed("usage: `" + usage() + "`.");
        }
        String label = parts[1].strip();
        String prefix = in.config().labelPrefix();
        if (label.length() > MAX_NAME || label.chars().anyMatch(Character::isISOControl)
                || !label.regionMatches(true, 0, prefix, 0, prefix.length()) || label.length() == prefix.length()) {
            return new CommandResult.Failed(Markdown.code(label) + " is not a label under "
                    + Markdown.code(prefix) + " (at most " + MAX_NAME + " characters).");
        }
        if (OwnedLabels.DEFINITIONS.stream().anyMatch(d -> d.name().equalsIgnoreCase(label))) {
            return new CommandResult.Failed(Markdown.code(label) + " is set by evalbot itself; use "
                    + "`/evalbot approve`, `reject`, `hide` or `unhide` for decisions.");
        }
        if (op.equals("add")) {
            platform.setLabels(in.pr(), Set.of(label), Set.of());
        } else {
            platform.setLabels(in.pr(), Set.of(), Set.of(label));
        }
        return CommandResult.done();
    }
}
