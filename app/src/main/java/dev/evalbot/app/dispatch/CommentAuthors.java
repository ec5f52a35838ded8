package dev.evalbot.app.dispatch;

import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PullRequestRef;
import java.util.Optional;

/**
 * Names a posted comment's author as permission checks need, before any command of it runs; empty
 * when the comment is the bot's own. The Hub's payloads give only the author's id; GitHub's name them.
 */
@FunctionalInterface
public interface CommentAuthors {
    /** The comment as its platform's payload named its author. */
    CommentAuthors AS_POSTED = (pr, comment) -> Optional.of(comment);

    Optional<Comment> resolve(PullRequestRef pr, Comment comment);
}
