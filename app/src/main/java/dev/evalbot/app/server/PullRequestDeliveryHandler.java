package dev.evalbot.app.server;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.review.Platform;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.review.PullContext;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReviewOutcome;
import dev.evalbot.app.review.ReviewPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
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
    private final MeterRegistry meters;

    /** @param context what maintainers said, which every review keeps showing (the command history) */
    public PullRequestDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            PullContext context, PlatformEvents events) {
        this(platform, pipeline, closed, context, events, new SimpleMeterRegistry());
    }

    /** @param meters counts reviews by outcome ({@code evalbot.reviews}: reviewed, repeat, stale, nothing) */
    public PullRequestDeliveryHandler(Platform platform, ReviewPipeline pipeline, PullRequestClosed closed,
            PullContext context, PlatformEvents events, MeterRegistry meters) {
        this.meters = meters;
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
                    ReviewOutcome outcome = pipeline.review(platform, pr, context.history(pr), context.approved(pr),
                            events.pendingOnRetry() && d.attempt() > 1, false, mayRepeat(d));
                    count(outcome);
                    yield Outcome.done();
                }
                case COMMAND -> events.command(d);
                case OTHER -> {
                    Optional<PlatformEvents.Closing> closing = events.closing(d);
                    if (closing.isPresent()) {
                        // A closed pull request may be reopened, and its next review must record its
                        // results again; a merged one cannot, and a late redelivery then must not undo
                        // "merged". First: should the rest fail, the retry does both again.
                        if (!closing.get().merged()) {
                            pipeline.closed(closing.get().pr());
                        }
                        closed.closed(closing.get().pr(), closing.get().merged());
                    }
                    yield Outcome.done();
                }
            };
        } catch (PlatformException failure) {
            LOG.warn("{} {} for {} failed (attempt {}): {}", platform.name(), d.event(), d.subject(), d.attempt(),
                    failure.getMessage());
            if (failure.budgetWait()) {
                return new Outcome.Wait(failure.notBefore(), failure.getMessage());
            }
            return failure.retryable() ? new Outcome.Retry(null, failure.notBefore(), failure.getMessage())
                    : Outcome.fail(failure.getMessage());
        }
    }

    /**
     * Whether the finished review of the delivery's head may answer it. Not for a retry (its first
     * attempt may have stopped before the status, or a crash interrupted it), a reopen (its results
     * return to the leaderboards: closing unmerged also takes back the finished review) or a base change
     * ({@code edited}): those review in full.
     */
    private static boolean mayRepeat(Delivery d) {
        return d.attempt() <= 1 && !"edited".equals(d.action()) && !"reopened".equals(d.action());
    }

    private void count(ReviewOutcome outcome) {
        String what;
        if (outcome instanceof ReviewOutcome.Reviewed) {
            what = "reviewed";
        } else if (outcome instanceof ReviewOutcome.Repeat) {
            what = "repeat";
        } else if (outcome instanceof ReviewOutcome.Stale) {
            what = "stale";
        } else {
            what = "nothing";
        }
        meters.counter("evalbot.reviews", "platform", platform.name(), "outcome", what).increment();
    }
}
