package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.store.DeliveryStore;
import dev.evalbot.app.store.DeliveryWrites;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The accept's queue rules: a key is stored once (a Hub body's only within the dedupe window), a
 * review of a head already queued and untried is coalesced into that one, and a new review of a
 * head supersedes the queued reviews of other heads of its subject.
 */
final class Intake {
    private final EventCodec events = new EventCodec();
    private final DeliveryStore store;
    private final Clock clock;
    private final long hubDedupeMillis;
    private final InboxMetrics metrics;
    private final Wakeup wakeup;

    Intake(DeliveryStore store, Clock clock, Duration hubDedupeWindow, InboxMetrics metrics, Wakeup wakeup) {
        this.store = store;
        this.clock = clock;
        this.hubDedupeMillis = hubDedupeWindow.toMillis();
        this.metrics = metrics;
        this.wakeup = wakeup;
    }

    /**
     * Commits the deliveries in one transaction, in order: each sees the ones before it (a key twice
     * is stored once, a newer head supersedes an older one in the same batch). All or nothing: when
     * it throws, none of them is stored.
     */
    List<AcceptResult> acceptAll(List<NewDelivery> batch) {
        long now = clock.millis();
        String action = batch.size() == 1 ? "accept delivery " + batch.get(0).key()
                : "accept " + batch.size() + " deliveries (" + batch.get(0).key() + " to "
                        + batch.get(batch.size() - 1).key() + ")";
        List<AcceptResult> results = store.write(action, w -> {
            w.lockSubjects(batch, NewDelivery::subject);
            List<AcceptResult> out = new ArrayList<>(batch.size());
            for (NewDelivery d : batch) {
                out.add(acceptIn(w, d, now));
            }
            return out;
        });
        boolean accepted = false;
        for (int i = 0; i < batch.size(); i++) {
            accepted |= counted(batch.get(i), results.get(i));
        }
        if (accepted) {
            wakeup.wake();
        }
        return results;
    }

    /** One accept's writes inside the caller's transaction, after those of the accepts before it. */
    AcceptResult acceptIn(DeliveryWrites w, NewDelivery d, long now) throws SQLException {
        if (PlatformId.HUB.equals(d.platform())) {
            w.forgetHubKey(d.key(), now - hubDedupeMillis);
        }
        String into = coalescable(d) ? w.newestUntried(d.subject(), DeliveryKind.REVIEW.code(), d.headSha()) : null;
        DeliveryWrites.NewRow row = new DeliveryWrites.NewRow(d.platform(), d.key(), d.event(), d.action(),
                d.subject(), d.headSha(), d.kind().code(), d.payload(), d.receivedAt(),
                d.pullRequestEvent() == null ? null : events.write(d.pullRequestEvent()));
        if (into != null) {
            long id = w.insertSettled(row, "coalesced into " + into + ", queued for the same head", now);
            return id < 0 ? new AcceptResult.Duplicate(d.key()) : new AcceptResult.Coalesced(id, into);
        }
        long id = w.insert(row, now);
        if (id < 0) {
            return new AcceptResult.Duplicate(d.key());
        }
        // Queued reviews of another head are pointless once a newer head arrived; running ones finish.
        int superseded = d.kind() == DeliveryKind.REVIEW && d.headSha() != null
                ? w.supersedeOtherHeads(d.subject(), d.headSha(), id,
                        "superseded by " + d.key() + " for head " + d.headSha(), now)
                : 0;
        return new AcceptResult.Accepted(id, superseded);
    }

    /** Counts what a committed accept did and wakes the workers when there is new work. */
    void committed(NewDelivery d, AcceptResult result) {
        if (counted(d, result)) {
            wakeup.wake();
        }
    }

    /** Counts what a committed accept did; true when it stored new work. */
    private boolean counted(NewDelivery d, AcceptResult result) {
        PlatformId platform = d.platform();
        if (result instanceof AcceptResult.Accepted a) {
            metrics.accepted(platform);
            if (a.superseded() > 0) {
                metrics.superseded(platform, a.superseded());
            }
            return true;
        }
        if (result instanceof AcceptResult.Coalesced) {
            metrics.coalesced(platform);
        } else {
            metrics.duplicate(platform);
        }
        return false;
    }

    /**
     * Whether a delivery may be folded into a queued review of the same head. A base change is not:
     * it carries what the queued one does not know ({@link PullRequestEvent.Trigger#coalescable()}).
     */
    private static boolean coalescable(NewDelivery d) {
        return d.kind() == DeliveryKind.REVIEW && d.headSha() != null
                && !(d.pullRequestEvent() instanceof PullRequestEvent.ReviewRequested r && !r.trigger().coalescable());
    }
}
