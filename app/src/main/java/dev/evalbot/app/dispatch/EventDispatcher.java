package dev.evalbot.app.dispatch;

import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent.Closed;
import dev.evalbot.app.event.PullRequestEvent.CommentPosted;
import dev.evalbot.app.event.PullRequestEvent.ReviewRequested;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReviewOutcome;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.ReviewRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does the work of one accepted delivery, after the webhook was answered, the same way for every
 * platform: it switches on the delivery's platform-neutral event. A review through the pipeline,
 * comments through the platform's command engine, merges and closes to the leaderboards and the
 * audit trail; a platform failure becomes a retry, a wait for the rate limit, or a dead letter.
 */
public final class EventDispatcher implements DeliveryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final Map<PlatformId, Lane> lanes;
    private final ReviewPipeline pipeline;
    private final PullRequestClosed closed;
    private final MeterRegistry meters;

    /** @param meters counts reviews by outcome ({@code evalbot.reviews}: reviewed, repeat, stale, nothing) */
    public EventDispatcher(Map<PlatformId, Lane> lanes, ReviewPipeline pipeline, PullRequestClosed closed,
            MeterRegistry meters) {
        this.lanes = Map.copyOf(lanes);
        this.pipeline = pipeline;
        this.closed = closed;
        this.meters = meters;
    }

    @Override
    public Outcome handle(Delivery d) throws Exception {
        Lane lane = lanes.get(d.platform());
        if (lane == null) {
            return Outcome.fail("no handler for platform " + d.platform().code() + " in this deployment");
        }
        Optional<PullRequestEvent> event = d.pullRequestEvent() != null ? Optional.of(d.pullRequestEvent())
                : lane.storedEvents().read(d);
        if (event.isEmpty()) {
            return Outcome.done();
        }
        try {
            return handle(lane, d, event.get());
        } catch (PlatformException failure) {
            LOG.warn("{} {} for {} failed (attempt {}): {}", lane.platform().name(), d.event(), d.subject(),
                    d.attempt(), failure.getMessage());
            if (failure.budgetWait()) {
                return new Outcome.Wait(failure.notBefore(), failure.getMessage());
            }
            return failure.retryable() ? new Outcome.Retry(null, failure.notBefore(), failure.getMessage())
                    : Outcome.fail(failure.getMessage());
        }
    }

    private Outcome handle(Lane lane, Delivery d, PullRequestEvent event) {
        if (event instanceof ReviewRequested requested) {
            // A retry means the author has waited: say so with a pending status first, where there is one.
            ReviewOutcome outcome = pipeline.review(lane.platform(), ReviewRequest.of(requested.pr())
                    .withHistory(lane.context().history(requested.pr()))
                    .withApproved(lane.context().approved(requested.pr()))
                    .withAnnouncePending(lane.pendingOnRetry() && d.attempt() > 1)
                    .withMayRepeat(mayRepeat(d, requested)));
            count(lane, outcome);
        } else if (event instanceof CommentPosted posted) {
            Optional<Comment> named = lane.authors().resolve(posted.pr(), posted.comment());
            if (named.isPresent()) {
                lane.comments().posted(new CommentPosted(posted.pr(), named.get()));
            }
        } else if (event instanceof Closed close) {
            // A closed pull request may be reopened, and its next review must record its results
            // again; a merged one cannot, and a late redelivery then must not undo "merged". First:
            // should the rest fail, the retry does both again.
            if (!close.merged()) {
                pipeline.closed(close.pr());
            }
            closed.closed(close);
        }
        return Outcome.done();
    }

    /**
     * Whether the finished review of the delivery's head may answer it. Not for a retry (its first
     * attempt may have stopped before the status, or a crash interrupted it), nor for a trigger that
     * reviews in full (a base change, a reopen).
     */
    private static boolean mayRepeat(Delivery d, ReviewRequested requested) {
        return d.attempt() <= 1 && !requested.trigger().reviewsInFull();
    }

    private void count(Lane lane, ReviewOutcome outcome) {
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
        meters.counter("evalbot.reviews", "platform", lane.platform().name(), "outcome", what).increment();
    }
}
