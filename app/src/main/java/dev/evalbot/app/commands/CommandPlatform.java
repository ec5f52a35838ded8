package dev.evalbot.app.commands;

import dev.evalbot.app.event.PullRequestRef;
import java.util.Optional;

/**
 * What commands need from a code host beyond the review's {@link dev.evalbot.app.review.Platform}
 * (labels go through {@code Platform.setLabels}). Calls throw
 * {@link dev.evalbot.app.review.PlatformException} on failure. Platforms without reactions make
 * {@link #react} do nothing.
 */
public interface CommandPlatform {
    /** Reacts to the comment {@code commentId} on the pull request (idempotent per reaction). */
    void react(PullRequestRef pr, String commentId, Reaction reaction);

    /** Posts a new comment on the pull request. */
    void reply(PullRequestRef pr, String body);

    /**
     * The user's role on the repository as the platform names it (GitHub: {@code admin},
     * {@code write}, {@code read}, {@code none}); {@code none} for strangers.
     */
    String permission(PullRequestRef pr, String login);

    /**
     * {@code .evalbot.yml} on the repository's default branch, never the pull request's head (a PR
     * must not be able to make its author a maintainer), at most {@code maxBytes + 1} bytes so
     * that the parser can refuse a file that is too large; empty when there is none.
     */
    Optional<byte[]> readRepoConfig(PullRequestRef pr, int maxBytes);

    /** Closes the pull request; {@code reason} is for platforms that keep one. */
    void close(PullRequestRef pr, String reason);

    /**
     * The pull request a comment is on, with its head and base now (a comment names no head).
     * Called only when the comment holds something to run. By default: as the event named it.
     */
    default PullRequestRef pullRequest(PullRequestRef named) {
        return named;
    }
}
