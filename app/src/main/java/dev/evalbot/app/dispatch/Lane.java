package dev.evalbot.app.dispatch;

import dev.evalbot.app.review.Platform;
import dev.evalbot.app.review.PullContext;

/**
 * What one platform brings to the {@link EventDispatcher}: the review port, its maintainers' command
 * engine, and how its stored payloads read.
 *
 * @param authors names a comment's author before its commands run (empty: the bot's own comment)
 * @param comments runs the commands of a posted comment (the platform's command engine)
 * @param context what maintainers said, which every review keeps showing (the command history)
 * @param pendingOnRetry whether a retried review first says "pending" (platforms with commit statuses do)
 */
public record Lane(Platform platform, CommentAuthors authors, CommentHandler comments, PullContext context, StoredEvents storedEvents,
        boolean pendingOnRetry) {}
