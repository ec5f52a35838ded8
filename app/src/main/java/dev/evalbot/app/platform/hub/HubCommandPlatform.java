package dev.evalbot.app.platform.hub;

import dev.evalbot.app.commands.CommandPlatform;
import dev.evalbot.app.commands.Reaction;
import dev.evalbot.app.event.PullRequestRef;
import java.util.List;
import java.util.Optional;

/**
 * What the command engine needs from the Hub. The Hub has no reactions (the sticky comment's
 * history says what happened) and no roles per repository: a maintainer is the owner or an
 * organisation member with write or admin role, which {@link HubPermissions} answers as "write".
 */
public final class HubCommandPlatform implements CommandPlatform {
    private static final String REPO_CONFIG = ".evalbot.yml";

    private final HubPlatform hub;
    private final HubPermissions permissions;

    public HubCommandPlatform(HubPlatform hub, HubPermissions permissions) {
        this.hub = hub;
        this.permissions = permissions;
    }

    @Override
    public void react(PullRequestRef pr, String commentId, Reaction reaction) {
        // no reactions on the Hub: the review comment's history section records the outcome
    }

    @Override
    public void reply(PullRequestRef pr, String body) {
        hub.createComment(pr, body);
    }

    @Override
    public String permission(PullRequestRef pr, String login) {
        return permissions.allowed(pr.repo(), login) ? "write" : "none";
    }

    @Override
    public Optional<byte[]> readRepoConfig(PullRequestRef pr, int maxBytes) {
        // The default branch, never the PR's head: a PR must not make its author a maintainer.
        return Optional.ofNullable(hub.read(pr, "main", List.of(REPO_CONFIG), maxBytes).get(REPO_CONFIG));
    }

    @Override
    public void close(PullRequestRef pr, String reason) {
        hub.close(pr, reason);
    }
}
