package dev.evalbot.app.review;

/** What one run of the pipeline did, for logs, metrics and tests. */
public sealed interface ReviewOutcome {
    /** Nothing evalbot reviews in this change. */
    record NothingToReview() implements ReviewOutcome {}

    /**
     * @param commentWritten false when the review was unchanged and no comment write was needed
     */
    record Reviewed(Review review, boolean commentWritten) implements ReviewOutcome {}

    /**
     * The delivery named a head the pull request no longer has, and its current head is reviewed
     * already: nothing was written.
     */
    record Stale(String deliveredHead, String currentHead) implements ReviewOutcome {}

    /**
     * The delivery named the pull request's current head, whose review is finished, recorded and
     * made with the same inputs (base, maintainers' history and approval, rules, definitions):
     * nothing was read beyond the current head, nothing was written.
     */
    record Repeat(String head) implements ReviewOutcome {}
}
