package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestEvent;

/** What happens when a pull request closes: its final state is recorded for the leaderboards. */
@FunctionalInterface
public interface PullRequestClosed {
    PullRequestClosed IGNORE = closed -> { };

    void closed(PullRequestEvent.Closed closed);
}
