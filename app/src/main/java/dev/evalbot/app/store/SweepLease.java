package dev.evalbot.app.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Who sweeps this interval, when several replicas share one PostgreSQL store: the first replica
 * whose timer fires takes the lease for nine tenths of the interval, the others skip their turn. A
 * sweep at start always runs (a restart must not wait out the previous process's lease); should two
 * replicas start at once, the inbox still queues each head once (the delivery key names it).
 */
public final class SweepLease {
    private static final String NAME = "sweep";

    private final Database db;
    private final Duration hold;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();
    private boolean first = true;

    public SweepLease(Database db, Duration interval, Clock clock) {
        this.db = db;
        this.hold = interval.multipliedBy(9).dividedBy(10);
        this.clock = clock;
    }

    /** Whether this replica sweeps now; the first call (at start) always does, and takes the lease. */
    public synchronized boolean take() {
        long now = clock.millis();
        boolean force = first;
        first = false;
        return db.write("take the reconciler's sweep lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reconcile_sweeps (name, holder, until_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                    + " until_at = excluded.until_at WHERE reconcile_sweeps.until_at <= ? OR ?")) {
                ps.setString(1, NAME);
                ps.setString(2, holder);
                ps.setLong(3, now + hold.toMillis());
                ps.setLong(4, now);
                ps.setBoolean(5, force);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
