package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.platform.local.DryRunPlatform;

/**
 * Runs the commands of a GitHub {@code issue_comment} delivery in the dry-run, so that the shipped
 * example ({@code config/examples/github-webhooks/issue_comment.evalbot-command.json}) can be tried
 * with {@code evalbot send}. The pull request is taken as its last review saw it (a comment names
 * no head); one never reviewed gets a head of zeros.
 */
public final class DryRunCommandRunner implements GitHubDeliveryHandler.CommandRunner {
    private static final String NO_HEAD = "0".repeat(40);

    private final CommandEngine engine;
    private final DryRunPlatform platform;

    public DryRunCommandRunner(CommandEngine engine, DryRunPlatform platform) {
        this.engine = engine;
        this.platform = platform;
    }

    @Override
    public Outcome run(Delivery delivery, JsonNode root) {
        if (!GitHubCommandRunner.carriesCommands(root)) {
            return Outcome.done();
        }
        GitHubEvent e = GitHubEvent.parse("issue_comment", root);
        engine.handle(GitHubCommandRunner.event(root), () -> platform.lastReviewed(e.subject())
                .orElseGet(() -> new PullRequestRef("github", e.repo(), "code", e.number(), NO_HEAD, null, null,
                        e.author(), e.labels(), null)));
        return Outcome.done();
    }
}
