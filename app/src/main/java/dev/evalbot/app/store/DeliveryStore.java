package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries table, the inbox's queue: how it is read and written on SQLite and PostgreSQL.
 * The queue's rules (what is claimed next, what supersedes or coalesces what, leases, retries,
 * dead letters) are the inbox's; work that must see several of its steps in one transaction runs
 * through {@link #write} with a {@link DeliveryWrites}.
 */
public final class DeliveryStore {
    static final String ACTIVE = "state IN ('pending', 'running')";

    /** A delivery as an operator lists it (no payload). */
    public record ListedRow(String key, PlatformId platform, String event, String action, String subject,
            String headSha, String kind, String state, int attempts, String lastError, Instant receivedAt,
            Instant updatedAt) {}

    /** Work with the table inside one write transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DeliveryWrites writes) throws SQLException;
    }

    private final Database db;
    private final Scope scope;

    public DeliveryStore(Database db) {
        this.db = db;
        String claimSql = claimSql(db.dialect());
        // One connection does every write (SQLite's writer): its accept statements stay prepared
        // between transactions. Pooled connections (PostgreSQL) prepare them in each transaction.
        this.scope = db.groupCommits() ? new Kept(db.dialect(), claimSql) : new Own(db.dialect(), claimSql);
    }

    /**
     * Claimable: due, and the first active delivery of its subject, with no live lease on the
     * subject (a replayed older delivery must wait for a newer one that is running).
     */
    static String claimSql(Dialect dialect) {
        return "SELECT d.id, d.state, d.attempts, d.platform FROM deliveries d"
                + " WHERE d." + ACTIVE + " AND d.due_at <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.subject = d.subject AND o." + ACTIVE
                + " AND o.id <> d.id AND (o.id < d.id OR (o.state = 'running' AND o.due_at > ?)))"
                + " ORDER BY d.due_at, d.id LIMIT 1" + dialect.skipLocked();
    }

    /** One process owns the table (SQLite): a lease left at its start belongs to a process that died. */
    public boolean singleProcess() {
        return db.dialect().singleProcess();
    }

    /** Runs {@code work} in one transaction ({@link Database#write}). */
    public <T> T write(String action, Work<T> work) {
        return db.write(action, c -> scope.run(c, work));
    }

    /** Runs {@code work} in one transaction ahead of other writes ({@link Database#writeFirst}). */
    public <T> T writeFirst(String action, Duration timeout, Work<T> work) {
        return db.writeFirst(action, timeout, c -> scope.run(c, work));
    }

    /** Moves a running delivery's lease to {@code until}; false when the lease is no longer {@code leaseToken}'s. */
    public boolean renew(long id, String leaseToken, long until, long now) {
        return db.write("renew a lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET due_at = ?, updated_at = ?"
                    + " WHERE id = ? AND state = 'running' AND lease_token = ?")) {
                ps.setLong(1, until);
                ps.setLong(2, now);
                ps.setLong(3, id);
                ps.setString(4, leaseToken);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Makes running deliveries pending and due at once, dead when they used {@code maxAttempts}: all
     * of them or, with a {@code tokenPrefix}, those whose lease token starts with it.
     *
     * @return how many were released
     */
    public int releaseRunning(String action, int maxAttempts, String error, String tokenPrefix, long now) {
        return db.write(action, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = CASE WHEN attempts >= ?"
                    + " THEN 'dead' ELSE 'pending' END, due_at = ?, updated_at = ?, lease_token = NULL, last_error = ?"
                    + " WHERE " + ACTIVE + " AND state = 'running'"
                    + (tokenPrefix == null ? "" : " AND substr(lease_token, 1, ?) = ?"))) {
                ps.setInt(1, maxAttempts);
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setString(4, error);
                if (tokenPrefix != null) {
                    ps.setInt(5, tokenPrefix.length());
                    ps.setString(6, tokenPrefix);
                }
                return ps.executeUpdate();
            }
        });
    }

    /** The earliest due time of an active delivery strictly after {@code now}. */
    public Optional<Instant> nextDueAfter(Instant now) {
        return db.read("find the next due delivery", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(due_at) FROM deliveries WHERE " + ACTIVE + " AND due_at > ?")) {
                ps.setLong(1, now.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long due = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(due));
                }
            }
        });
    }

    /** Deliveries pending or running. */
    public long countActive() {
        return db.read("count queued deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE " + ACTIVE);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Deletes the done and superseded deliveries completed before {@code cutoff}; returns how many. */
    public int deleteCompletedBefore(long cutoff) {
        return db.write("prune completed deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM deliveries"
                    + " WHERE state IN ('done', 'superseded') AND completed_at < ?")) {
                ps.setLong(1, cutoff);
                return ps.executeUpdate();
            }
        });
    }

    /** Dead-lettered deliveries, most recently failed first. */
    public List<ListedRow> deadLetters(int limit) {
        return list("WHERE state = 'dead' ORDER BY updated_at DESC, id DESC", limit);
    }

    /** The latest deliveries in any state, newest first. */
    public List<ListedRow> recent(int limit) {
        return list("ORDER BY id DESC", limit);
    }

    private List<ListedRow> list(String where, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return db.read("list deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT delivery_key, platform, event, action, subject,"
                    + " head_sha, kind, state, attempts, last_error, received_at, updated_at FROM deliveries "
                    + where + " LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ListedRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new ListedRow(rs.getString(1), PlatformId.of(rs.getString(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getInt(9), rs.getString(10), Instant.ofEpochMilli(rs.getLong(11)),
                                Instant.ofEpochMilli(rs.getLong(12))));
                    }
                    return out;
                }
            }
        });
    }

    /** How a transaction gets its {@link DeliveryWrites}: picked once, by how the database writes. */
    private interface Scope {
        <T> T run(Connection c, Work<T> work) throws SQLException;
    }

    /** Pooled connections: the transaction's own statements, closed with it. */
    private record Own(Dialect dialect, String claimSql) implements Scope {
        @Override
        public <T> T run(Connection c, Work<T> work) throws SQLException {
            try (DeliveryWrites w = new DeliveryWrites(c, dialect, claimSql)) {
                return work.run(w);
            }
        }
    }

    /**
     * The accept's statements of the SQLite writer's connection, kept prepared between transactions:
     * preparing the two of a usual accept took 24 µs, a sixth of the writer's CPU per accept. On
     * SQLite every write runs on that one connection, one at a time; a new or closed connection
     * gets its statements prepared anew.
     */
    private static final class Kept implements Scope {
        private final Dialect dialect;
        private final String claimSql;
        private Connection connection;
        private DeliveryWrites writes;

        Kept(Dialect dialect, String claimSql) {
            this.dialect = dialect;
            this.claimSql = claimSql;
        }

        @Override
        public <T> T run(Connection c, Work<T> work) throws SQLException {
            try {
                return work.run(on(c));
            } catch (SQLException | RuntimeException e) {
                drop(); // prepared anew next time, whatever state the failure left
                throw e;
            }
        }

        private synchronized DeliveryWrites on(Connection c) throws SQLException {
            if (c != connection || c.isClosed()) {
                drop();
                connection = c;
                writes = new DeliveryWrites(c, dialect, claimSql);
            }
            return writes;
        }

        private synchronized void drop() {
            if (writes != null) {
                try {
                    writes.close();
                } catch (SQLException ignored) {
                    // its connection is gone or broken: nothing more to release
                }
            }
            writes = null;
            connection = null;
        }
    }
}
