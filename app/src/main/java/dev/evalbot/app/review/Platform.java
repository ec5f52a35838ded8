package dev.evalbot.app.review;

import dev.evalbot.app.event.PullHead;
import dev.evalbot.app.event.PullRequestRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port between the review pipeline and a code host. Every write is idempotent and keyed
 * (the comment by its marker, labels by set, status by sha), so a delivery processed twice
 * leaves the same result. Calls throw {@link PlatformException} on failure.
 */
public interface Platform {
    String name();

    /** The files the pull request changes, up to {@code cap} entries. */
    List<ChangedPath> changedFiles(PullRequestRef pr, int cap);

    /**
     * The bytes of {@code paths} at {@code rev}; each at most {@code maxBytes + 1} bytes (one more
     * tells the validator it is too large). Missing files are absent from the map.
     */
    Map<String, byte[]> read(PullRequestRef pr, String rev, List<String> paths, int maxBytes);

    /**
     * The pull request's head, base and labels now, in at most one request (GitHub: a conditional
     * request with the ETag of the last answer, which costs no rate limit when nothing changed; the
     * Hub: the revision of {@code refs/pr/N}).
     */
    PullHead currentHead(PullRequestRef pr);

    /**
     * Finds the bot's own review comment on the pull request (by the hidden marker, written by
     * the bot's account), if any.
     */
    Optional<String> findOwnComment(PullRequestRef pr, String marker);

    /** Creates the comment and returns its id. */
    String createComment(PullRequestRef pr, String body);

    /**
     * Replaces the body of the bot's comment {@code commentId}. When that comment is gone (someone
     * deleted it) the body is posted as a new comment, so that the review is not lost.
     *
     * @return the id of the comment that now holds the body: {@code commentId}, or the new one's
     */
    String updateComment(PullRequestRef pr, String commentId, String body);

    /** Adds and removes labels (platforms without labels do nothing). */
    void setLabels(PullRequestRef pr, Set<String> add, Set<String> remove);

    /** Sets the commit status on {@code sha} (platforms without statuses do nothing). */
    void setStatus(PullRequestRef pr, String sha, CommitState state, String description);

    /**
     * Sets the review's final status on {@code sha}. A platform that can show the findings on the
     * lines of the diff (GitHub: a check run with annotations) may carry the verdict there instead
     * of the status. By default: the status alone.
     */
    default void setReviewStatus(PullRequestRef pr, String sha, CommitState state, String description, Review review) {
        setStatus(pr, sha, state, description);
    }

    /**
     * Before a review reads and writes: a platform with a write budget (GitHub) shows a long wait on
     * the commit ("queued: GitHub's rate limit, about N min") and, when the wait is longer than a
     * worker should sleep, throws a {@link PlatformException#budgetWait() budget wait} so that the
     * review is done when the budget has room, without reading twice. By default: nothing.
     *
     * @param writes the writes the review expects to make
     */
    default void awaitWriteBudget(PullRequestRef pr, int writes) {}

    /** Where a line of a file of this pull request can be seen. */
    Links links(PullRequestRef pr);
}
