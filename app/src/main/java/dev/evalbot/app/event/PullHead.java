package dev.evalbot.app.event;

import java.util.Set;

/**
 * A pull request as it is now on its platform, which a webhook may no longer describe: deliveries
 * arrive late and out of order, so a review asks for this before it writes.
 *
 * @param sha the head commit now
 * @param baseSha the base the head is compared with (a sha on GitHub, the target ref on the Hub)
 * @param labels the labels it carries now (empty where a platform has none)
 * @param mayHaveComments false only when the platform says the pull request has no comments at all,
 *     so a review with no record of its own comment need not look for one
 */
public record PullHead(String sha, String baseSha, Set<String> labels, boolean mayHaveComments) {
    public PullHead {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
    }

    /** What the delivery itself says, for a platform that cannot be asked (a local checkout). */
    public static PullHead asDelivered(PullRequestRef pr) {
        return new PullHead(pr.headSha(), pr.baseSha(), pr.labels(), true);
    }
}
