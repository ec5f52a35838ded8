package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The deliveries table's writes inside one transaction of {@link DeliveryStore#write}. The accept's
 * statements are prepared when first needed and kept until {@link #close}: on SQLite most accepts
 * run alone, and a statement not needed (a Hub key, a supersede for a delivery without a head)
 * costs a prepare all the same. The claim's and finish's are prepared at each call.
 */
public final class DeliveryWrites implements AutoCloseable {
    private static final String FORGET_HUB_KEY = "DELETE FROM deliveries WHERE delivery_key = ?"
            + " AND platform = 'hub' AND received_at < ? AND state IN ('done', 'superseded')";
    private static final String INSERT = "INSERT INTO deliveries (delivery_key, platform, event,"
            + " action, subject, head_sha, kind, payload, received_at, pull_request_event, state, attempts, due_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (delivery_key) DO NOTHING"
            + " RETURNING id";
    // "ACTIVE AND state = 'pending'" rather than the latter alone: SQLite uses a partial index only
    // when the query names the index's own condition, and without the subject index this was a scan
    // of every row ever kept (7 days of deliveries) at each review accept.
    static final String SUPERSEDE = "UPDATE deliveries SET state = 'superseded',"
            + " completed_at = ?, updated_at = ?, lease_token = NULL, last_error = ?"
            + " WHERE subject = ? AND " + DeliveryStore.ACTIVE + " AND state = 'pending' AND kind = 'review'"
            + " AND id < ? AND head_sha IS NOT NULL AND head_sha <> ?";
    /** The newest active delivery of a subject. */
    private static final String LATEST_ACTIVE = "SELECT id, delivery_key, state, kind, head_sha, attempts"
            + " FROM deliveries WHERE subject = ? AND " + DeliveryStore.ACTIVE + " ORDER BY id DESC LIMIT 1";
    private static final String INSERT_SETTLED = "INSERT INTO deliveries (delivery_key, platform, event,"
            + " action, subject, head_sha, kind, payload, received_at, pull_request_event, state, attempts, due_at,"
            + " updated_at, completed_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'superseded', 0, ?, ?, ?, ?)"
            + " ON CONFLICT (delivery_key) DO NOTHING RETURNING id";

    private static final String RESCHEDULE = "UPDATE deliveries SET state = 'pending', due_at = ?,"
            + " updated_at = ?, last_error = ?, lease_token = NULL WHERE id = ? AND state = 'running'"
            + " AND lease_token = ?";
    private static final String DEFER = "UPDATE deliveries SET state = 'pending', due_at = ?,"
            + " updated_at = ?, last_error = ?, lease_token = NULL, attempts = attempts - 1"
            + " WHERE id = ? AND state = 'running' AND lease_token = ?";

    /** A delivery to insert, as the server received it. */
    /** @param pullRequestEvent the event the platform's intake read, as {@code inbox.EventCodec} writes it */
    public record NewRow(PlatformId platform, String key, String event, String action, String subject,
            String headSha, String kind, byte[] payload, Instant receivedAt, String pullRequestEvent) {}

    /** A delivery just claimed, with its payload; {@code attempts} counts the claim. */
    public record ClaimedRow(long id, PlatformId platform, String key, String event, String action, String subject,
            String headSha, String kind, byte[] payload, Instant receivedAt, int attempts, String pullRequestEvent) {}

    /** The next delivery a claim may take. */
    public record Candidate(long id, boolean abandoned, int attempts, PlatformId platform) {}

    private final Connection c;
    private final Dialect dialect;
    private final String claimSql;
    private PreparedStatement forgetHubKey;
    private PreparedStatement latestActive;
    private PreparedStatement insert;
    private PreparedStatement insertSettled;
    private PreparedStatement supersede;

    DeliveryWrites(Connection c, Dialect dialect, String claimSql) {
        this.c = c;
        this.dialect = dialect;
        this.claimSql = claimSql;
    }

    /**
     * PostgreSQL: takes the lock of every subject of {@code batch}, in one order for every replica
     * (so two replicas' transactions cannot deadlock), and holds them to the commit. Where writes are
     * serialised anyway (SQLite) it does nothing.
     */
    public <D> void lockSubjects(List<D> batch, Function<D, String> subject) throws SQLException {
        String sql = dialect.keyLock();
        if (sql == null) {
            return;
        }
        TreeSet<String> subjects = new TreeSet<>();
        for (D d : batch) {
            subjects.add(subject.apply(d));
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String s : subjects) {
                ps.setString(1, "inbox:" + s);
                ps.executeQuery().close();
            }
        }
    }

    /** Deletes the Hub delivery of {@code key} when it completed and was received before {@code cutoff}. */
    public void forgetHubKey(String key, long cutoff) throws SQLException {
        if (forgetHubKey == null) {
            forgetHubKey = c.prepareStatement(FORGET_HUB_KEY);
        }
        forgetHubKey.setString(1, key);
        forgetHubKey.setLong(2, cutoff);
        forgetHubKey.executeUpdate();
    }

    /**
     * The key of the subject's newest active delivery when it is pending, untried, of {@code kind}
     * and about {@code headSha}; else null.
     */
    public String newestUntried(String subject, String kind, String headSha) throws SQLException {
        if (latestActive == null) {
            latestActive = c.prepareStatement(LATEST_ACTIVE);
        }
        latestActive.setString(1, subject);
        try (ResultSet rs = latestActive.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            boolean same = "pending".equals(rs.getString(3)) && kind.equals(rs.getString(4))
                    && headSha.equals(rs.getString(5)) && rs.getInt(6) == 0;
            return same ? rs.getString(2) : null;
        }
    }

    /** Stores a pending delivery, due at once; its id, or -1 when the key was there already. */
    public long insert(NewRow row, long now) throws SQLException {
        if (insert == null) {
            insert = c.prepareStatement(INSERT);
        }
        bindNew(insert, row, now);
        return insertedId(insert);
    }

    /**
     * Stores a delivery already settled (superseded, with {@code reason}): kept for its key, never
     * claimed. Its id, or -1 when the key was there already.
     */
    public long insertSettled(NewRow row, String reason, long now) throws SQLException {
        if (insertSettled == null) {
            insertSettled = c.prepareStatement(INSERT_SETTLED);
        }
        bindNew(insertSettled, row, now);
        insertSettled.setLong(13, now);
        insertSettled.setString(14, reason);
        return insertedId(insertSettled);
    }

    /**
     * Supersedes, with {@code reason}, the subject's pending reviews older than {@code id} that are
     * about another head than {@code headSha}.
     *
     * @return how many were superseded
     */
    public int supersedeOtherHeads(String subject, String headSha, long id, String reason, long now)
            throws SQLException {
        if (supersede == null) {
            supersede = c.prepareStatement(SUPERSEDE);
        }
        supersede.setLong(1, now);
        supersede.setLong(2, now);
        supersede.setString(3, reason);
        supersede.setString(4, subject);
        supersede.setLong(5, id);
        supersede.setString(6, headSha);
        return supersede.executeUpdate();
    }

    /** The first twelve parameters, which both inserts of a new delivery share. */
    private static void bindNew(PreparedStatement ps, NewRow row, long now) throws SQLException {
        ps.setString(1, row.key());
        ps.setString(2, row.platform().code());
        ps.setString(3, row.event());
        Rows.setNullable(ps, 4, row.action());
        ps.setString(5, row.subject());
        Rows.setNullable(ps, 6, row.headSha());
        ps.setString(7, row.kind());
        ps.setBytes(8, row.payload());
        ps.setLong(9, row.receivedAt().toEpochMilli());
        Rows.setNullable(ps, 10, row.pullRequestEvent());
        ps.setLong(11, now);
        ps.setLong(12, now);
    }

    private static long insertedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** The delivery a claim at {@code now} would take, or null ({@link DeliveryStore#claimSql}). */
    public Candidate candidate(long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(claimSql)) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Candidate(rs.getLong(1), "running".equals(rs.getString(2)), rs.getInt(3),
                        PlatformId.of(rs.getString(4)));
            }
        }
    }

    /**
     * Runs the delivery under a lease of {@code leaseToken} until {@code until}, one attempt more;
     * a delivery that was running (its lease expired) is marked with {@code abandoned}.
     */
    public ClaimedRow take(long id, String leaseToken, long until, String abandoned, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'running',"
                + " attempts = attempts + 1, lease_token = ?, due_at = ?, updated_at = ?,"
                + " last_error = CASE WHEN state = 'running' THEN ? ELSE last_error END WHERE id = ?")) {
            ps.setString(1, leaseToken);
            ps.setLong(2, until);
            ps.setLong(3, now);
            ps.setString(4, abandoned);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, platform, delivery_key, event, action, subject,"
                + " head_sha, kind, payload, received_at, attempts, pull_request_event FROM deliveries WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ClaimedRow(rs.getLong(1), PlatformId.of(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getBytes(9), Instant.ofEpochMilli(rs.getLong(10)), rs.getInt(11), rs.getString(12));
            }
        }
    }

    /** Marks a running delivery done; false when its lease is no longer {@code leaseToken}'s. */
    public boolean complete(long id, String leaseToken, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'done', completed_at = ?,"
                + " updated_at = ?, due_at = ?, lease_token = NULL WHERE id = ? AND state = 'running'"
                + " AND lease_token = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, id);
            ps.setString(5, leaseToken);
            return ps.executeUpdate() == 1;
        }
    }

    /** Makes a running delivery pending until {@code due}; false when its lease is no longer {@code leaseToken}'s. */
    public boolean reschedule(long id, String leaseToken, long due, String error, long now) throws SQLException {
        return toPending(RESCHEDULE, id, leaseToken, due, error, now);
    }

    /** Like {@link #reschedule}, and gives the claim's attempt back. */
    public boolean defer(long id, String leaseToken, long due, String error, long now) throws SQLException {
        return toPending(DEFER, id, leaseToken, due, error, now);
    }

    private boolean toPending(String sql, long id, String leaseToken, long due, String error, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, due);
            ps.setLong(2, now);
            ps.setString(3, error);
            ps.setLong(4, id);
            ps.setString(5, leaseToken);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Marks a running delivery dead; false when it is not running, or with a {@code leaseToken}
     * (null: whoever holds it) when its lease is no longer that token's.
     */
    public boolean deadLetter(long id, String leaseToken, String error, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'dead', updated_at = ?,"
                + " due_at = ?, last_error = ?, lease_token = NULL WHERE id = ? AND state = 'running'"
                + (leaseToken == null ? "" : " AND lease_token = ?"))) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, error);
            ps.setLong(4, id);
            if (leaseToken != null) {
                ps.setString(5, leaseToken);
            }
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Makes the delivery of {@code key} pending and due at once with its attempts reset, whatever
     * state it ended in, unless it runs under a live lease; false when it did not.
     */
    public boolean replay(String key, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'pending', attempts = 0,"
                + " due_at = ?, updated_at = ?, completed_at = NULL, lease_token = NULL WHERE delivery_key = ?"
                + " AND NOT (state = 'running' AND due_at > ?)")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, key);
            ps.setLong(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether a delivery of {@code key} is stored. */
    public boolean exists(String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM deliveries WHERE delivery_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Closes the accept's statements; the connection stays open. */
    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : new PreparedStatement[] {forgetHubKey, latestActive, insert, insertSettled,
                supersede}) {
            if (ps == null) {
                continue;
            }
            try {
                ps.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        forgetHubKey = latestActive = insert = insertSettled = supersede = null;
        if (first != null) {
            throw first;
        }
    }
}
