package dev.evalbot.app.server;

import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.platform.Platform;
import dev.evalbot.app.platform.PlatformException;
import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReviewPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the work of one accepted delivery, after the webhook was answered, the same way for every
 * platform: a review through the pipeline, commands, merges and closes for the leaderboards, and a
 * platform failure turned into a retry or a dead letter. What differs is how the platform's
 * payloads read ({@link PlatformEvents}).
 */
public final class PullRequestDeliveryHandler implements DeliveryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestDeliveryHandler.class);

    private final Platform platform;
    private final ReviewPipeline pipeline;
    private final PullRequestClosed closed;
    private final PullContext context;
    private final PlatformEvents events;

    /** @param context what maintainers said, which every review keeps showing (the command history) */
    public PullRequestDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            PullContext context, PlatformEvents events) {
        this.platform = platform;
        this.pipeline = pipeline;
        this.closed = closed;
        this.context = context;
        this.events = events;
    }

    @Override
    public Outcome handle(Delivery d) throws Exception {
        try {
            return switch (d.kind()) {
                case REVIEW -> {
                    PullRequestRef pr = events.reviewed(d);
                    // A retry means the author has waited: say so with a pending status first, where there is one.
                    pipeline.review(platform, pr, context.history(pr), context.approved(pr),
                            events.pendingOnRetry() && d.attempt() > 1, false);
                    yield Outcome.done();
                }
                case COMMAND -> events.command(d);
                case OTHER -> {
                    events.closing(d).ifPresent(c -> closed.closed(c.pr(), c.merged()));
                    yield Outcome.done();
                }
            };
        } catch (PlatformException failure) {
            LOG.warn("{} {} for {} failed (attempt {}): {}", platform.name(), d.event(), d.subject(), d.attempt(),
                    failure.getMessage());
            return failure.retryable() ? new Outcome.Retry(null, failure.notBefore(), failure.getMessage())
                    : Outcome.fail(failure.getMessage());
        }
    }
}
