package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;

/**
 * Told the model card (README.md) of a repository whose results were read, at the revision they were
 * read at: a review of a pull request with results files, a backfill of a checkout.
 */
@FunctionalInterface
public interface ModelCardListener {
    ModelCardListener NONE = (pr, card) -> { };

    /** @param card the card's bytes (at most one byte over the size limit), or null when there is none */
    void read(PullRequestRef pr, byte[] card);
}
