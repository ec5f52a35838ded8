package dev.evalbot.app.review;

import java.util.Set;

/**
 * What evalbot remembers about its last review of one pull request, so that a repeat posts
 * nothing and a crash between "create comment" and "remember its id" never makes a second one.
 *
 * @param commentId the platform id of the bot's comment, or null
 * @param commentPending a create was started but its id not yet recorded: look before creating
 * @param bodyHash SHA-256 of the last posted body
 * @param labels the review labels evalbot applied last, since a queued event's payload may predate them
 * @param inputs {@link ReviewInputs#encode() what the finished review of headSha depended on}, or null
 *     when there is no finished review to trust (it failed part-way, or the pull request closed since)
 */
public record ReviewState(String commentId, boolean commentPending, String bodyHash, String headSha, String verdict,
        Set<String> labels, String inputs) {
    public static final ReviewState NONE = new ReviewState(null, false, null, null, null, Set.of(), null);

    public ReviewState {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
    }

    public ReviewState(String commentId, boolean commentPending, String bodyHash, String headSha, String verdict,
            Set<String> labels) {
        this(commentId, commentPending, bodyHash, headSha, verdict, labels, null);
    }

    /** Whether a review of {@code sha} finished: its comment, verdict and labels are recorded. */
    boolean reviewed(String sha) {
        return sha != null && sha.equals(headSha) && commentId != null && !commentPending && bodyHash != null
                && verdict != null;
    }

    ReviewState withComment(String id, boolean pending, String hash, String sha, String verdictName) {
        return new ReviewState(id, pending, hash, sha, verdictName, labels, inputs);
    }

    ReviewState withLabels(Set<String> applied) {
        return new ReviewState(commentId, commentPending, bodyHash, headSha, verdict, applied, inputs);
    }

    ReviewState withInputs(String encoded) {
        return new ReviewState(commentId, commentPending, bodyHash, headSha, verdict, labels, encoded);
    }
}
