package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;

/** Told about every finished review, e.g. to record its entries for the leaderboards. */
@FunctionalInterface
public interface ReviewListener {
    ReviewListener NONE = (pr, review) -> { };

    void reviewed(PullRequestRef pr, Review review);
}
