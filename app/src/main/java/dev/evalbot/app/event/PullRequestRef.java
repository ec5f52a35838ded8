package dev.evalbot.app.event;

import dev.evalbot.app.review.PullHead;
import java.util.Set;

/**
 * A pull request as the review needs it, whatever the platform.
 *
 * @param platform {@code github} or {@code hub}
 * @param repo {@code owner/name}
 * @param repoType {@code model}, {@code dataset} or {@code space} (the Hub); {@code code} on GitHub
 * @param labels the labels the PR carries now (GitHub), so label changes need no extra read
 * @param payload the platform's own event object, for adapters that can use it; may be null
 */
public record PullRequestRef(String platform, String repo, String repoType, int number, String headSha,
        String baseSha, String baseRef, String author, Set<String> labels, Object payload) {
    public PullRequestRef {
        labels = Set.copyOf(labels);
    }

    /** This pull request at the head (and base and labels) it has now. */
    public PullRequestRef at(PullHead now) {
        return new PullRequestRef(platform, repo, repoType, number, now.sha(),
                now.baseSha() != null ? now.baseSha() : baseSha, baseRef, author, now.labels(), payload);
    }

    /** The key that orders work on this pull request: one at a time, in order. */
    public String subject() {
        return platform + ":" + repo + "#" + number;
    }
}
