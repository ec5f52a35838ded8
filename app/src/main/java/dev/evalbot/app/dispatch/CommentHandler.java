package dev.evalbot.app.dispatch;

import dev.evalbot.app.event.PullRequestEvent;

/** What a platform does with a posted comment: runs the maintainers' commands it holds. */
@FunctionalInterface
public interface CommentHandler {
    void posted(PullRequestEvent.CommentPosted posted);
}
