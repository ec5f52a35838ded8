package dev.evalbot.app.inbox;

import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.DeliveryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** What an operator does with the inbox: look at deliveries, and replay one. */
public final class DeliveryAdmin {
    private final DeliveryStore store;
    private final Clock clock;
    private final Runnable onReplay;

    /** @param onReplay called after a replay, to wake workers in this process */
    DeliveryAdmin(DeliveryStore store, Clock clock, Runnable onReplay) {
        this.store = store;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /** For a separate process (the CLI): workers elsewhere notice the replay at their next poll. */
    public DeliveryAdmin(Database db, Clock clock) {
        this(new DeliveryStore(db), clock, () -> { });
    }

    /** Dead-lettered deliveries, most recently failed first. */
    public List<DeliveryRecord> deadLetters(int limit) {
        return records(store.deadLetters(limit));
    }

    /** The latest deliveries in any state, newest first. */
    public List<DeliveryRecord> recent(int limit) {
        return records(store.recent(limit));
    }

    /**
     * Makes a delivery pending again with its attempts reset, whatever state it ended in. It keeps
     * its place in its subject's order.
     */
    public ReplayResult replay(String key) {
        long now = clock.millis();
        ReplayResult result = store.write("replay delivery " + key, w -> {
            if (w.replay(key, now)) {
                return ReplayResult.REPLAYED;
            }
            return w.exists(key) ? ReplayResult.RUNNING : ReplayResult.NOT_FOUND;
        });
        if (result == ReplayResult.REPLAYED) {
            onReplay.run();
        }
        return result;
    }

    private static List<DeliveryRecord> records(List<DeliveryStore.ListedRow> rows) {
        List<DeliveryRecord> out = new ArrayList<>(rows.size());
        for (DeliveryStore.ListedRow r : rows) {
            out.add(new DeliveryRecord(r.key(), r.platform(), r.event(), r.action(), r.subject(), r.headSha(),
                    DeliveryKind.of(r.kind()), DeliveryState.of(r.state()), r.attempts(), r.lastError(),
                    r.receivedAt(), r.updatedAt()));
        }
        return out;
    }
}
