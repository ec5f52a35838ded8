package dev.evalbot.app.commands;

import dev.evalbot.app.event.PullRequestRef;

/**
 * Whether the platform itself makes a user a maintainer of the repository. The maintainers
 * listed in {@code .evalbot.yml} and the pull request's author are decided above this, the same
 * way on every platform.
 */
public interface Permissions {
    boolean maintains(PullRequestRef pr, String login);
}
