package dev.evalbot.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable, debounced leaderboard refreshes: one row per benchmark holding the earliest time a
 * refresh is wanted, however many changes asked for it. A claimed refresh is leased, so a replica
 * that dies mid-refresh leaves it to another; a change scheduled during a refresh gets a refresh of
 * its own after it.
 */
public final class RefreshStore {
    public static final int CLAIM_LIMIT = 100;

    private final Database db;
    private final Duration lease;

    /** @param lease how long a claimed refresh is reserved for its claimer */
    public RefreshStore(Database db, Duration lease) {
        this.db = db;
        this.lease = lease;
    }

    /** Asks for a refresh of the benchmark no later than {@code dueAt}. */
    public void schedule(String benchmarkId, Instant dueAt) {
        Dialect dialect = db.dialect();
        db.write("schedule a refresh of " + benchmarkId, c -> {
            // The first schedule after a claim sets a fresh due time (the running refresh covers the
            // old one); any other keeps the earliest.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO refreshes (benchmark_id, due_at, version)"
                    + " VALUES (?, ?, 1) ON CONFLICT (benchmark_id) DO UPDATE SET due_at = CASE"
                    + " WHEN refreshes.claimed_version = refreshes.version THEN excluded.due_at"
                    + " ELSE " + dialect.least("refreshes.due_at", "excluded.due_at") + " END,"
                    + " version = refreshes.version + 1")) {
                ps.setString(1, benchmarkId);
                ps.setLong(2, dueAt.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    /** Claims the refreshes due at {@code now} that nobody holds, earliest first. */
    public List<DueRefresh> claimDue(Instant now) {
        long nowMillis = now.toEpochMilli();
        return db.write("claim due refreshes", c -> {
            List<DueRefresh> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT benchmark_id, due_at FROM refreshes"
                    + " WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at LIMIT ?"
                    + db.dialect().skipLocked())) {
                ps.setLong(1, nowMillis);
                ps.setLong(2, nowMillis);
                ps.setInt(3, CLAIM_LIMIT);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new DueRefresh(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                                UUID.randomUUID().toString()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE refreshes SET lease_token = ?, lease_until = ?,"
                    + " claimed_version = version WHERE benchmark_id = ?")) {
                for (DueRefresh r : due) {
                    ps.setString(1, r.leaseToken());
                    ps.setLong(2, nowMillis + lease.toMillis());
                    ps.setString(3, r.benchmarkId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return due;
        });
    }

    /**
     * Marks a claimed refresh done: forgotten, unless it was scheduled again meanwhile.
     *
     * @return false when the claim had expired and passed to someone else
     */
    public boolean complete(DueRefresh refresh) {
        return db.write("complete the refresh of " + refresh.benchmarkId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM refreshes WHERE benchmark_id = ?"
                    + " AND lease_token = ? AND version = claimed_version")) {
                ps.setString(1, refresh.benchmarkId());
                ps.setString(2, refresh.leaseToken());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE refreshes SET lease_token = NULL,"
                    + " lease_until = NULL, claimed_version = NULL WHERE benchmark_id = ? AND lease_token = ?")) {
                ps.setString(1, refresh.benchmarkId());
                ps.setString(2, refresh.leaseToken());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** When the next refresh falls due (or a held one's lease runs out), for a timed wait. */
    public Optional<Instant> nextDue() {
        return db.read("find the next refresh", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(CASE WHEN lease_until IS NULL THEN due_at"
                    + " ELSE lease_until END) FROM refreshes");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                long due = rs.getLong(1);
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(due));
            }
        });
    }
}
