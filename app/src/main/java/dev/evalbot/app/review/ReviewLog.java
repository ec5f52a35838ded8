package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;

/** Where the pipeline keeps {@link ReviewState} and the latest review of each pull request. */
public interface ReviewLog {
    ReviewState state(PullRequestRef pr);

    void saveState(PullRequestRef pr, ReviewState state);

    /** Records the finished review (Markdown and JSON) for {@code GET /reviews/...} and the leaderboards. */
    void saveReview(PullRequestRef pr, Review review, String markdown, String json);

    /**
     * The end of a review: its state and the review together. A store can do it in one write; the
     * default does {@link #saveState} then {@link #saveReview}.
     */
    default void save(PullRequestRef pr, ReviewState state, Review review, String markdown, String json) {
        saveState(pr, state);
        saveReview(pr, review, markdown, json);
    }
}
