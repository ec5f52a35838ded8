package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommentEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.Outcome;
import java.nio.charset.StandardCharsets;

/**
 * Runs the commands of a GitHub {@code issue_comment} (created or edited) delivery. Platform
 * failures propagate as {@link dev.evalbot.app.review.PlatformException}s, which the delivery
 * handler turns into a retry or a dead letter.
 */
public final class GitHubCommandRunner implements GitHubDeliveryHandler.CommandRunner {
    private final CommandEngine engine;
    private final GitHubCommandPlatform github;

    public GitHubCommandRunner(CommandEngine engine, GitHubCommandPlatform github) {
        this.engine = engine;
        this.github = github;
    }

    @Override
    public Outcome run(Delivery delivery, JsonNode root) {
        if (!carriesCommands(root)) {
            return Outcome.done();
        }
        engine.handle(event(root), () -> pullRequest(delivery, root));
        return Outcome.done();
    }

    /** A comment created or edited on a pull request; deleted comments and comments on issues carry none. */
    static boolean carriesCommands(JsonNode root) {
        String action = root.path("action").asText("");
        return (action.equals("created") || action.equals("edited"))
                && root.path("issue").path("pull_request").isObject();
    }

    /** The comment as the engine sees it; on an edit, GitHub sends the old body in {@code changes.body.from}. */
    static CommentEvent event(JsonNode root) {
        JsonNode comment = root.path("comment");
        String body = comment.path("body").asText("");
        String previous = null;
        if ("edited".equals(root.path("action").asText())) {
            JsonNode from = root.path("changes").path("body").path("from");
            previous = from.isTextual() ? from.asText() : body; // no body change: nothing new to run
        }
        JsonNode sender = root.path("sender");
        JsonNode author = comment.path("user");
        return new CommentEvent(comment.path("id").asText(), body, previous, sender.path("login").asText(""),
                "Bot".equals(sender.path("type").asText()), author.path("login").asText(""),
                "Bot".equals(author.path("type").asText()));
    }

    private PullRequestRef pullRequest(Delivery delivery, JsonNode root) {
        GitHubEvent e = GitHubEvent.parse("issue_comment", root);
        GitHubPayload payload = new GitHubPayload("issue_comment",
                new String(delivery.payload(), StandardCharsets.UTF_8), e.installationId());
        GitHubCommandPlatform.Head head = github.head(payload, e.number());
        return new PullRequestRef("github", e.repo(), "code", e.number(), head.sha(), head.baseSha(), head.baseRef(),
                e.author(), e.labels(), payload);
    }
}
