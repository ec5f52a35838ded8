package dev.evalbot.app.event;

import java.util.Objects;

/**
 * What happened to a pull request, in evalbot's words rather than a platform's. A platform's intake
 * turns each payload it acts on into one of these once; the event is stored with the delivery, and
 * the one dispatcher switches on it. Platform vocabulary (GitHub's actions, the Hub's scopes) ends in
 * the platform's adapter.
 */
public sealed interface PullRequestEvent {
    /** The pull request the event is about; a comment names no head (its sha is null). */
    PullRequestRef pr();

    /** Why a review was asked for; what a trigger means for the queue and the review is said here, once. */
    enum Trigger {
        /** The pull request was opened. */
        OPENED,
        /** New commits: a new head. */
        PUSHED,
        /** The pull request now targets another base: what the review compares with changed. */
        BASE_CHANGED,
        /** A closed pull request was reopened: its results return to the leaderboards. */
        REOPENED,
        /** A sweep found an open pull request whose head was never reviewed (a webhook was lost). */
        SWEPT,
        /**
         * The platform says the pull request changed without saying how (a Hub discussion update:
         * reopened, out of draft, retitled): reviewed again, and an unchanged head writes nothing.
         */
        UPDATED;

        /**
         * Whether the review must be done in full even when its head was already reviewed: a base
         * change carries what the earlier review did not know, a reopen takes back a close.
         */
        public boolean reviewsInFull() {
            return this == BASE_CHANGED || this == REOPENED;
        }

        /** Whether a queued review of the same head may absorb this one: not a base change, which knows more. */
        public boolean coalescable() {
            return this != BASE_CHANGED;
        }
    }

    /** A review of the pull request's head was asked for. */
    record ReviewRequested(PullRequestRef pr, Trigger trigger) implements PullRequestEvent {
        public ReviewRequested {
            Objects.requireNonNull(pr, "pr");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    /** A comment was posted (or edited) on the pull request; it may hold maintainers' commands. */
    record CommentPosted(PullRequestRef pr, Comment comment) implements PullRequestEvent {
        public CommentPosted {
            Objects.requireNonNull(pr, "pr");
            Objects.requireNonNull(comment, "comment");
        }
    }

    /**
     * The pull request left the open state.
     *
     * @param by who closed or merged it, as the platform names people (a login, or the Hub's user id), or null
     * @param note the comment the platform sent with the close, or null
     */
    record Closed(PullRequestRef pr, boolean merged, String by, String note) implements PullRequestEvent {
        public Closed {
            Objects.requireNonNull(pr, "pr");
        }
    }
}
