package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ReviewPipeline#review} is asked to do. Start from {@link #of} (a plain full review)
 * and name each difference, so that a call reads as what it asks for rather than as a row of booleans.
 *
 * @param delivered the pull request as the delivery describes it; the pipeline reviews its current head
 * @param history maintainer commands to show, newest last
 * @param approved a maintainer approved: success even with warnings
 * @param announcePending set a pending status first (the review is a retry or waited in line)
 * @param bypassCaches check afresh (a recheck): trust caches are skipped and the recorded comment is looked for
 * @param mayRepeat the delivery may be answered by the finished review of its head (a first attempt that
 *     is not a reopen or a base change: see the delivery handler). A delivery naming the current head
 *     then stops right after learning it, reading and writing nothing, when that head's review finished
 *     (comment, verdict and labels recorded, status set) with the inputs it would have now: the same
 *     base, history and approval, rules and benchmark definitions ({@link ReviewInputs}), and its
 *     comment is still there as far as the current head tells. Without it the review always runs in
 *     full for its head (a maintainer command, a recheck, a test).
 */
public record ReviewRequest(PullRequestRef delivered, List<String> history, boolean approved,
        boolean announcePending, boolean bypassCaches, boolean mayRepeat) {
    public ReviewRequest {
        Objects.requireNonNull(delivered, "delivered");
        history = List.copyOf(history);
    }

    /** A full review of {@code delivered}: no history, not approved, no pending status, caches used. */
    public static ReviewRequest of(PullRequestRef delivered) {
        return new ReviewRequest(delivered, List.of(), false, false, false, false);
    }

    public ReviewRequest withHistory(List<String> h) {
        return new ReviewRequest(delivered, h, approved, announcePending, bypassCaches, mayRepeat);
    }

    public ReviewRequest withApproved(boolean a) {
        return new ReviewRequest(delivered, history, a, announcePending, bypassCaches, mayRepeat);
    }

    public ReviewRequest withAnnouncePending(boolean p) {
        return new ReviewRequest(delivered, history, approved, p, bypassCaches, mayRepeat);
    }

    public ReviewRequest withBypassCaches(boolean b) {
        return new ReviewRequest(delivered, history, approved, announcePending, b, mayRepeat);
    }

    public ReviewRequest withMayRepeat(boolean r) {
        return new ReviewRequest(delivered, history, approved, announcePending, bypassCaches, r);
    }
}
