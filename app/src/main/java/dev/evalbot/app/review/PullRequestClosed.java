package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;

/** What happens when a pull request closes: its final state is recorded for the leaderboards. */
@FunctionalInterface
public interface PullRequestClosed {
    PullRequestClosed IGNORE = (pr, merged) -> { };

    void closed(PullRequestRef pr, boolean merged);
}
