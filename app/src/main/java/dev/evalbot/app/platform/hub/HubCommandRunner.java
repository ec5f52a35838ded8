package dev.evalbot.app.platform.hub;

import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommentEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.Outcome;

/** Runs the slash-commands of a Hub {@code discussion.comment} through the shared command engine. */
public final class HubCommandRunner implements HubDeliveryHandler.CommandRunner {
    private final CommandEngine engine;
    private final HubPlatform hub;

    public HubCommandRunner(CommandEngine engine, HubPlatform hub) {
        this.engine = engine;
        this.hub = hub;
    }

    @Override
    public Outcome run(Delivery delivery, HubEvent event, PullRequestRef pr) {
        if (event.commentId() == null || event.commentHidden()) {
            return Outcome.done();
        }
        // Hub webhooks carry only the author's id; the engine's permission check needs the user name.
        String author = hub.commentAuthor(pr, event.commentId()).orElse("");
        boolean bot = hub.isMe(event.commentAuthorId());
        engine.handle(new CommentEvent(event.commentId(), event.commentContent(), null, author, bot, author, bot),
                () -> pr);
        return Outcome.done();
    }
}
