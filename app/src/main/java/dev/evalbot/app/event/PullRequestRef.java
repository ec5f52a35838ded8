package dev.evalbot.app.event;

import java.util.Objects;
import java.util.Set;

/**
 * A pull request as the review needs it, whatever the platform.
 *
 * @param repo {@code owner/name}
 * @param repoType {@code model}, {@code dataset} or {@code space} (the Hub); {@code code} on GitHub
 * @param headSha the head to review, or null where the event names none (a comment; a Hub discussion event)
 * @param baseSha what the head is compared with (a sha on GitHub, the target ref on the Hub)
 * @param labels the labels the PR carries now (GitHub), so label changes need no extra read
 * @param access which of the bot's credentials acts on this repository (a GitHub App's installation
 *     id), or null where the account's own credentials do
 */
public record PullRequestRef(PlatformId platform, String repo, String repoType, int number, String headSha,
        String baseSha, String baseRef, String author, Set<String> labels, String access) {
    public PullRequestRef {
        Objects.requireNonNull(platform, "platform");
        labels = Set.copyOf(labels);
    }

    /** This pull request at the head (and base and labels) it has now. */
    public PullRequestRef at(PullHead now) {
        return new PullRequestRef(platform, repo, repoType, number, now.sha(),
                now.baseSha() != null ? now.baseSha() : baseSha, baseRef, author, now.labels(), access);
    }

    /** This pull request at the given head, base and target branch (a comment names none; the platform finds them). */
    public PullRequestRef at(String sha, String baseSha, String baseRef) {
        return new PullRequestRef(platform, repo, repoType, number, sha, baseSha, baseRef, author, labels, access);
    }

    /** The key that orders work on this pull request: one at a time, in order. */
    public String subject() {
        return platform.code() + ":" + repo + "#" + number;
    }
}
