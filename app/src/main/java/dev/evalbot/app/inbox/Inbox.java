package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.SqlWork;
import dev.evalbot.app.store.StoreException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The durable, deduplicating queue between the webhook server and the workers.
 *
 * <p>{@link #accept} commits a delivery before the server answers. Workers {@link #claim} one
 * delivery at a time under a lease, run it, and {@link #finish} it with the handler's
 * {@link Outcome}. Deliveries of one subject run one at a time in arrival order; a lease that
 * expires (its worker died) makes the delivery claimable again. Safe to use from many threads and,
 * on PostgreSQL, from many replicas at once.
 */
public final class Inbox {
    static final String ACTIVE = "state IN ('pending', 'running')";
    private static final String ABANDONED = "abandoned: its worker stopped before finishing (crash or shutdown)";
    private static final String FORGET_HUB_KEY = "DELETE FROM deliveries WHERE delivery_key = ?"
            + " AND platform = 'hub' AND received_at < ? AND state IN ('done', 'superseded')";
    private static final String INSERT = "INSERT INTO deliveries (delivery_key, platform, event,"
            + " action, subject, head_sha, kind, payload, received_at, state, attempts, due_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (delivery_key) DO NOTHING"
            + " RETURNING id";
    // "ACTIVE AND state = 'pending'" rather than the latter alone: SQLite uses a partial index only
    // when the query names the index's own condition, and without the subject index this was a scan
    // of every row ever kept (7 days of deliveries) at each review accept.
    static final String SUPERSEDE = "UPDATE deliveries SET state = 'superseded',"
            + " completed_at = ?, updated_at = ?, lease_token = NULL, last_error = ?"
            + " WHERE subject = ? AND " + ACTIVE + " AND state = 'pending' AND kind = 'review' AND id < ?"
            + " AND head_sha IS NOT NULL AND head_sha <> ?";

    /**
     * The newest active delivery of a subject: a review that arrives for the head it is about, while
     * it is still untried, adds nothing to it.
     */
    static final String LATEST_ACTIVE = "SELECT id, delivery_key, state, kind, head_sha, attempts FROM deliveries"
            + " WHERE subject = ? AND " + ACTIVE + " ORDER BY id DESC LIMIT 1";
    private static final String INSERT_COALESCED = "INSERT INTO deliveries (delivery_key, platform, event,"
            + " action, subject, head_sha, kind, payload, received_at, state, attempts, due_at, updated_at,"
            + " completed_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'superseded', 0, ?, ?, ?, ?)"
            + " ON CONFLICT (delivery_key) DO NOTHING RETURNING id";

    private final Database db;
    private final InboxConfig config;
    private final Clock clock;
    private final Jitter jitter;
    private final InboxMetrics metrics;
    private final Wakeup wakeup = new Wakeup();
    private final String claimSql;
    private final AcceptCommitter committer;
    private final KeptStatements acceptStatements = new KeptStatements();
    private final LeaseSettings leases;

    public Inbox(Database db, InboxConfig config, Clock clock, Jitter jitter, MeterRegistry registry) {
        this(db, config, clock, jitter, registry, LeaseSettings.of(config.lease()));
    }

    /** @param leases the lease (it replaces {@code config}'s), its heartbeat and this replica's name */
    public Inbox(Database db, InboxConfig config, Clock clock, Jitter jitter, MeterRegistry registry,
            LeaseSettings leases) {
        this.db = Objects.requireNonNull(db);
        this.leases = Objects.requireNonNull(leases);
        config = Objects.requireNonNull(config).withLease(leases.lease());
        this.config = config;
        this.clock = Objects.requireNonNull(clock);
        this.jitter = Objects.requireNonNull(jitter);
        this.metrics = new InboxMetrics(registry);
        // Claimable: due, and the first active delivery of its subject, with no live lease on the
        // subject (a replayed older delivery must wait for a newer one that is running).
        this.claimSql = "SELECT d.id, d.state, d.attempts, d.platform FROM deliveries d"
                + " WHERE d." + ACTIVE + " AND d.due_at <= ?"
                + " AND NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.subject = d.subject AND o." + ACTIVE
                + " AND o.id <> d.id AND (o.id < d.id OR (o.state = 'running' AND o.due_at > ?)))"
                + " ORDER BY d.due_at, d.id LIMIT 1" + db.dialect().skipLocked();
        this.committer = new AcceptCommitter(this::acceptAll, config.acceptTimeout(), config.maxBatch(),
                config.maxBatchBytes());
        Gauge.builder("evalbot.inbox.depth", this, Inbox::depthOrNaN)
                .description("deliveries pending or running")
                .register(registry);
    }

    /** Production defaults: system clock, full jitter. */
    public Inbox(Database db, InboxConfig config, MeterRegistry registry) {
        this(db, config, Clock.systemUTC(), Jitter.full(), registry);
    }

    /**
     * Stores the delivery durably, unless its key was seen before. Call it before answering the
     * webhook; answer 2xx for both results. A new review delivery with a head sha supersedes the
     * queued (not running) reviews of other heads of the same subject.
     *
     * <p>Concurrent accepts are committed together (group commit): the call returns once the
     * transaction holding this delivery committed, with the same result as if the deliveries had been
     * accepted one after another in the order they arrived.
     *
     * @throws dev.evalbot.app.store.StoreUnavailableException when it cannot be committed now (or not
     *     within {@link InboxConfig#acceptTimeout()}): answer 503 so that the sender delivers it again
     */
    public AcceptResult accept(NewDelivery d) {
        if (db.groupCommits()) {
            return acceptFirst(d);
        }
        return committer.accept(d);
    }

    /**
     * SQLite: its writer already commits concurrent writes together, so the accept goes to it
     * directly, ahead of the workers' writes. Through the committer thread as well, each batch took
     * two more thread hand-offs, and on two busy cores every hand-off waits for a core.
     */
    private AcceptResult acceptFirst(NewDelivery d) {
        List<NewDelivery> one = List.of(d);
        long now = clock.millis();
        List<AcceptResult> results = db.writeFirst("accept delivery " + d.key(), config.acceptTimeout(),
                c -> acceptIn(c, one, now));
        counted(one, results);
        return results.get(0);
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
        List<AcceptResult> results = db.write(action, c -> acceptIn(c, batch, now));
        counted(batch, results);
        return results;
    }

    /** The accepts' writes, in order, inside the caller's transaction. */
    private List<AcceptResult> acceptIn(Connection c, List<NewDelivery> batch, long now) throws SQLException {
        lockSubjects(c, batch);
        // Prepared when first needed: on SQLite most accepts run alone, and a statement not needed
        // (a Hub key, a supersede for a delivery without a head) costs a prepare all the same. On
        // SQLite they stay prepared on the writer's connection for the next accept.
        if (!db.groupCommits()) {
            try (Statements own = new Statements(c)) {
                return acceptWith(own, batch, now);
            }
        }
        try {
            return acceptWith(acceptStatements.on(c), batch, now);
        } catch (SQLException | RuntimeException e) {
            acceptStatements.drop(); // prepared anew next time, whatever state the failure left
            throw e;
        }
    }

    private List<AcceptResult> acceptWith(Statements st, List<NewDelivery> batch, long now) throws SQLException {
        List<AcceptResult> out = new ArrayList<>(batch.size());
        long hubCutoff = now - config.hubDedupeWindow().toMillis();
        for (NewDelivery d : batch) {
            if (d.platform() == PlatformId.HUB) {
                forgetExpiredHubKey(st.get(FORGET_HUB_KEY), d.key(), hubCutoff);
            }
            String into = coalescable(d) ? pendingSameHead(st.get(LATEST_ACTIVE), d) : null;
            if (into != null) {
                long id = insertCoalesced(st.get(INSERT_COALESCED), d, into, now);
                out.add(id < 0 ? new AcceptResult.Duplicate(d.key()) : new AcceptResult.Coalesced(id, into));
                continue;
            }
            long id = insert(st.get(INSERT), d, now);
            if (id < 0) {
                out.add(new AcceptResult.Duplicate(d.key()));
            } else {
                int superseded = d.kind() == DeliveryKind.REVIEW && d.headSha() != null
                        ? supersede(st.get(SUPERSEDE), d, id, now) : 0;
                out.add(new AcceptResult.Accepted(id, superseded));
            }
        }
        return out;
    }

    /** Statements of one connection, each prepared once when first asked for, all closed together. */
    private static final class Statements implements AutoCloseable {
        private final Connection c;
        private final java.util.Map<String, PreparedStatement> prepared = new java.util.HashMap<>();

        Statements(Connection c) {
            this.c = c;
        }

        PreparedStatement get(String sql) throws SQLException {
            PreparedStatement ps = prepared.get(sql);
            if (ps == null) {
                ps = c.prepareStatement(sql);
                prepared.put(sql, ps);
            }
            return ps;
        }

        @Override
        public void close() throws SQLException {
            SQLException first = null;
            for (PreparedStatement ps : prepared.values()) {
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
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * The accept's statements of the SQLite writer's connection, kept prepared between accepts:
     * preparing the two of a usual accept took 24 µs, a sixth of the writer's CPU per accept. On
     * SQLite every accept runs on that one connection, one at a time; a new or closed connection
     * gets its statements prepared anew.
     */
    private static final class KeptStatements {
        private Connection connection;
        private Statements statements;

        synchronized Statements on(Connection c) throws SQLException {
            if (c != connection || c.isClosed()) {
                drop();
                connection = c;
                statements = new Statements(c);
            }
            return statements;
        }

        synchronized void drop() {
            if (statements != null) {
                try {
                    statements.close();
                } catch (SQLException ignored) {
                    // its connection is gone or broken: nothing more to release
                }
            }
            statements = null;
            connection = null;
        }
    }

    /** Counts what a committed accept did and wakes the workers when there is new work. */
    private void counted(List<NewDelivery> batch, List<AcceptResult> results) {
        boolean accepted = false;
        for (int i = 0; i < batch.size(); i++) {
            PlatformId platform = batch.get(i).platform();
            if (results.get(i) instanceof AcceptResult.Accepted a) {
                accepted = true;
                metrics.accepted(platform);
                if (a.superseded() > 0) {
                    metrics.superseded(platform, a.superseded());
                }
            } else if (results.get(i) instanceof AcceptResult.Coalesced) {
                metrics.coalesced(platform);
            } else {
                metrics.duplicate(platform);
            }
        }
        if (accepted) {
            wakeup.wake();
        }
    }

    /**
     * Takes the next claimable delivery under a fresh lease, or nothing. A delivery whose lease
     * expired is claimable again; if it has no attempt left it is dead-lettered instead.
     */
    public Optional<Claim> claim() {
        List<PlatformId> abandonedDead = new ArrayList<>();
        Optional<Claim> claim = db.write("claim a delivery", c -> {
            abandonedDead.clear();
            return claim(c, clock.millis(), abandonedDead);
        });
        abandonedDead.forEach(metrics::deadLettered);
        return claim;
    }

    /** Records what the handler made of a claimed delivery. */
    public Disposition finish(Claim claim, Outcome outcome) {
        Finishing f = finishing(claim, outcome, clock.millis());
        Disposition disposition = db.write(f.action(), f.work());
        finished(claim, disposition);
        return disposition;
    }

    /** What {@link #finishAndClaim} did: the finished delivery's disposition, and the next claim. */
    public record Finished(Disposition disposition, Optional<Claim> next) {}

    /**
     * {@link #finish} and then {@link #claim} in one transaction: a busy worker commits once per
     * delivery instead of twice.
     */
    public Finished finishAndClaim(Claim claim, Outcome outcome) {
        long now = clock.millis();
        Finishing f = finishing(claim, outcome, now);
        List<PlatformId> abandonedDead = new ArrayList<>();
        Finished finished = db.write(f.action() + " and claim the next", c -> {
            abandonedDead.clear();
            Disposition disposition = f.work().run(c);
            return new Finished(disposition, claim(c, now, abandonedDead));
        });
        finished(claim, finished.disposition());
        abandonedDead.forEach(metrics::deadLettered);
        return finished;
    }

    private Optional<Claim> claim(Connection c, long now, List<PlatformId> abandonedDead) throws SQLException {
        while (true) {
            Candidate next = candidate(c, now);
            if (next == null) {
                return Optional.empty();
            }
            if (next.abandoned() && config.retry().exhausted(next.attempts())) {
                deadLetter(c, next.id(), null, ABANDONED, now);
                abandonedDead.add(next.platform());
                continue;
            }
            return Optional.of(take(c, next, now));
        }
    }

    /** The write that records an outcome, decided (backoff drawn, error cut) before the transaction. */
    private record Finishing(String action, SqlWork<Disposition> work) {}

    private Finishing finishing(Claim claim, Outcome outcome, long now) {
        Delivery d = claim.delivery();
        if (outcome instanceof Outcome.Done) {
            return new Finishing("complete delivery " + d.key(), c -> complete(c, claim, now));
        }
        if (outcome instanceof Outcome.Wait w) {
            long due = Math.max(now, w.until().toEpochMilli());
            String error = errorText(w.reason());
            return new Finishing("defer delivery " + d.key(), c -> defer(c, claim, due, error, now));
        }
        if (outcome instanceof Outcome.Retry r && !config.retry().exhausted(d.attempt())) {
            long due = retryDue(claim, r, now);
            String error = errorText(r.reason());
            return new Finishing("reschedule delivery " + d.key(), c -> reschedule(c, claim, due, error, now));
        }
        String reason = outcome instanceof Outcome.Retry r
                ? "gave up after " + d.attempt() + " attempts: " + r.reason()
                : ((Outcome.Fail) outcome).reason();
        String error = errorText(reason);
        return new Finishing("dead-letter delivery " + d.key(), c -> deadLetter(c, d.id(), claim.leaseToken(), error, now)
                ? Disposition.DEAD_LETTERED : Disposition.LEASE_LOST);
    }

    private void finished(Claim claim, Disposition disposition) {
        PlatformId platform = claim.delivery().platform();
        switch (disposition) {
            case COMPLETED -> metrics.completed(platform);
            case RETRY_SCHEDULED -> metrics.retried(platform);
            case DEAD_LETTERED -> metrics.deadLettered(platform);
            case LEASE_LOST -> { }
        }
        // The subject's next delivery may be claimable now.
        wakeup.wake();
    }

    /** Extends the lease of work still running; false when the lease was lost meanwhile. */
    public boolean renew(Claim claim) {
        long now = clock.millis();
        return db.write("renew a lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET due_at = ?, updated_at = ?"
                    + " WHERE id = ? AND state = 'running' AND lease_token = ?")) {
                ps.setLong(1, now + config.lease().toMillis());
                ps.setLong(2, now);
                ps.setLong(3, claim.delivery().id());
                ps.setString(4, claim.leaseToken());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * At startup of the single process that owns an SQLite file: every running delivery was left by
     * a previous process that died, so it is claimable at once rather than when its lease expires.
     * On PostgreSQL this does nothing: other replicas' leases are live, and expiry handles the dead.
     *
     * @return how many deliveries were released
     */
    public int releaseAbandoned() {
        if (!db.dialect().singleProcess()) {
            return 0;
        }
        return releaseRunning("release abandoned deliveries", null);
    }

    /**
     * At startup of a replica with a name ({@link LeaseSettings#replicaId()}): the deliveries still
     * claimed under that name were claimed by this replica's previous run, which died (a replica's
     * name is unique among the running ones), so they are claimable at once rather than when their
     * lease runs out. Without a name, or on SQLite (see {@link #releaseAbandoned}), it does nothing.
     *
     * @return how many deliveries were reclaimed
     */
    public int reclaimOwnAbandoned() {
        String id = leases.replicaId();
        if (id == null || db.dialect().singleProcess()) {
            return 0;
        }
        return releaseRunning("reclaim this replica's abandoned deliveries", id + "/");
    }

    /**
     * Makes running deliveries claimable at once (dead when out of attempts), all of them or, with a
     * {@code tokenPrefix}, those whose lease token starts with it.
     */
    private int releaseRunning(String what, String tokenPrefix) {
        long now = clock.millis();
        int released = db.write(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = CASE WHEN attempts >= ?"
                    + " THEN 'dead' ELSE 'pending' END, due_at = ?, updated_at = ?, lease_token = NULL, last_error = ?"
                    + " WHERE " + ACTIVE + " AND state = 'running'"
                    + (tokenPrefix == null ? "" : " AND substr(lease_token, 1, ?) = ?"))) {
                ps.setInt(1, config.retry().maxAttempts());
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setString(4, ABANDONED);
                if (tokenPrefix != null) {
                    ps.setInt(5, tokenPrefix.length());
                    ps.setString(6, tokenPrefix);
                }
                return ps.executeUpdate();
            }
        });
        if (released > 0) {
            wakeup.wake();
        }
        return released;
    }

    /** The lease, its heartbeat and this replica's name. */
    public LeaseSettings leases() {
        return leases;
    }

    /** When the next scheduled retry or lease expiry falls due, strictly after {@code now}. */
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
    public long depth() {
        return db.read("count queued deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE " + ACTIVE);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Deletes completed deliveries older than the retention (their keys stop counting as seen).
     *
     * @return how many were deleted
     */
    public int prune() {
        long cutoff = clock.millis() - config.retention().toMillis();
        return db.write("prune completed deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM deliveries"
                    + " WHERE state IN ('done', 'superseded') AND completed_at < ?")) {
                ps.setLong(1, cutoff);
                return ps.executeUpdate();
            }
        });
    }

    /** Admin operations that wake this inbox's workers when they make work claimable. */
    public DeliveryAdmin admin() {
        return new DeliveryAdmin(db, clock, wakeup::wake);
    }

    /** Wakes idle workers, e.g. after a change made behind the inbox's back. */
    public void wake() {
        wakeup.wake();
    }

    /** The query that picks the next claimable delivery, for tests. */
    String claimSql() {
        return claimSql;
    }

    /** Accepts waiting for their commit, for tests. */
    int queuedAccepts() {
        return committer.queued();
    }

    public InboxConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    Wakeup wakeup() {
        return wakeup;
    }

    Database database() {
        return db;
    }

    private double depthOrNaN() {
        try {
            return depth();
        } catch (StoreException e) {
            return Double.NaN;
        }
    }

    /**
     * PostgreSQL: takes the lock of every subject in the batch, in one order for every replica (so
     * two replicas' batches cannot deadlock), and holds them to the commit.
     */
    private void lockSubjects(Connection c, List<NewDelivery> batch) throws SQLException {
        String sql = db.dialect().keyLock();
        if (sql == null) {
            return;
        }
        TreeSet<String> subjects = new TreeSet<>();
        for (NewDelivery d : batch) {
            subjects.add(d.subject());
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String subject : subjects) {
                ps.setString(1, "inbox:" + subject);
                ps.executeQuery().close();
            }
        }
    }

    private static void forgetExpiredHubKey(PreparedStatement ps, String key, long cutoff) throws SQLException {
        ps.setString(1, key);
        ps.setLong(2, cutoff);
        ps.executeUpdate();
    }

    /**
     * Whether a delivery may be folded into a queued review of the same head. An {@code edited}
     * delivery (the base changed) is not: it carries what the queued one does not know.
     */
    private static boolean coalescable(NewDelivery d) {
        return d.kind() == DeliveryKind.REVIEW && d.headSha() != null && !"edited".equals(d.action());
    }

    /**
     * The key of the subject's newest active delivery when it is an untried, pending review of the
     * same head, else null. Only the newest: a delivery queued after it (a command, another head)
     * must still see a review that comes after it.
     */
    private static String pendingSameHead(PreparedStatement latest, NewDelivery d) throws SQLException {
        latest.setString(1, d.subject());
        try (ResultSet rs = latest.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            boolean same = "pending".equals(rs.getString(3)) && DeliveryKind.REVIEW.code().equals(rs.getString(4))
                    && d.headSha().equals(rs.getString(5)) && rs.getInt(6) == 0;
            return same ? rs.getString(2) : null;
        }
    }

    /** Stores the delivery as already settled by {@code into}: kept for its key, never claimed. */
    private static long insertCoalesced(PreparedStatement ps, NewDelivery d, String into, long now)
            throws SQLException {
        bindNew(ps, d, now);
        ps.setLong(12, now);
        ps.setString(13, "coalesced into " + into + ", queued for the same head");
        return insertedId(ps);
    }

    /** The new row's id, or -1 when the key was there already. */
    private static long insert(PreparedStatement ps, NewDelivery d, long now) throws SQLException {
        bindNew(ps, d, now);
        return insertedId(ps);
    }

    /** The first eleven parameters, which both inserts of a new delivery share. */
    private static void bindNew(PreparedStatement ps, NewDelivery d, long now) throws SQLException {
        ps.setString(1, d.key());
        ps.setString(2, d.platform().code());
        ps.setString(3, d.event());
        setNullable(ps, 4, d.action());
        ps.setString(5, d.subject());
        setNullable(ps, 6, d.headSha());
        ps.setString(7, d.kind().code());
        ps.setBytes(8, d.payload());
        ps.setLong(9, d.receivedAt().toEpochMilli());
        ps.setLong(10, now);
        ps.setLong(11, now);
    }

    private static long insertedId(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Queued reviews of another head are pointless once a newer head arrived; running ones finish. */
    private static int supersede(PreparedStatement ps, NewDelivery d, long id, long now) throws SQLException {
        ps.setLong(1, now);
        ps.setLong(2, now);
        ps.setString(3, "superseded by " + d.key() + " for head " + d.headSha());
        ps.setString(4, d.subject());
        ps.setLong(5, id);
        ps.setString(6, d.headSha());
        return ps.executeUpdate();
    }

    private record Candidate(long id, boolean abandoned, int attempts, PlatformId platform) {}

    private Candidate candidate(Connection c, long now) throws SQLException {
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

    private Claim take(Connection c, Candidate next, long now) throws SQLException {
        String token = leases.token(UUID.randomUUID().toString());
        long until = now + config.lease().toMillis();
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'running',"
                + " attempts = attempts + 1, lease_token = ?, due_at = ?, updated_at = ?,"
                + " last_error = CASE WHEN state = 'running' THEN ? ELSE last_error END WHERE id = ?")) {
            ps.setString(1, token);
            ps.setLong(2, until);
            ps.setLong(3, now);
            ps.setString(4, ABANDONED);
            ps.setLong(5, next.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, platform, delivery_key, event, action, subject,"
                + " head_sha, kind, payload, received_at, attempts FROM deliveries WHERE id = ?")) {
            ps.setLong(1, next.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Delivery d = new Delivery(rs.getLong(1), PlatformId.of(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        DeliveryKind.of(rs.getString(8)), rs.getBytes(9), Instant.ofEpochMilli(rs.getLong(10)),
                        rs.getInt(11), null);
                return new Claim(d, token, Instant.ofEpochMilli(until));
            }
        }
    }

    private static Disposition complete(Connection c, Claim claim, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'done', completed_at = ?,"
                + " updated_at = ?, due_at = ?, lease_token = NULL WHERE id = ? AND state = 'running'"
                + " AND lease_token = ?")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, claim.delivery().id());
            ps.setString(5, claim.leaseToken());
            return ps.executeUpdate() == 1 ? Disposition.COMPLETED : Disposition.LEASE_LOST;
        }
    }

    private long retryDue(Claim claim, Outcome.Retry retry, long now) {
        Instant nowInstant = Instant.ofEpochMilli(now);
        Instant due = nowInstant.plus(config.retry().delay(claim.delivery().attempt(), jitter));
        if (retry.after() != null) {
            due = latest(due, nowInstant.plus(retry.after()));
        }
        if (retry.notBefore() != null) {
            due = latest(due, retry.notBefore());
        }
        return due.toEpochMilli();
    }

    private static Disposition reschedule(Connection c, Claim claim, long due, String error, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'pending', due_at = ?,"
                + " updated_at = ?, last_error = ?, lease_token = NULL WHERE id = ? AND state = 'running'"
                + " AND lease_token = ?")) {
            ps.setLong(1, due);
            ps.setLong(2, now);
            ps.setString(3, error);
            ps.setLong(4, claim.delivery().id());
            ps.setString(5, claim.leaseToken());
            return ps.executeUpdate() == 1 ? Disposition.RETRY_SCHEDULED : Disposition.LEASE_LOST;
        }
    }

    /** Like {@link #reschedule}, but the claim's attempt is given back: waiting for a budget is not a failure. */
    private static Disposition defer(Connection c, Claim claim, long due, String error, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'pending', due_at = ?,"
                + " updated_at = ?, last_error = ?, lease_token = NULL, attempts = attempts - 1"
                + " WHERE id = ? AND state = 'running' AND lease_token = ?")) {
            ps.setLong(1, due);
            ps.setLong(2, now);
            ps.setString(3, error);
            ps.setLong(4, claim.delivery().id());
            ps.setString(5, claim.leaseToken());
            return ps.executeUpdate() == 1 ? Disposition.RETRY_SCHEDULED : Disposition.LEASE_LOST;
        }
    }

    /** @param error already cut by {@link #errorText} */
    private static boolean deadLetter(Connection c, long id, String leaseToken, String error, long now)
            throws SQLException {
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

    /** One line, bounded: errors end up in a terminal table and a database column. */
    String errorText(String reason) {
        String line = reason == null || reason.isBlank() ? "(no reason given)" : reason.replaceAll("\\s+", " ").trim();
        return line.length() <= config.maxErrorChars() ? line : line.substring(0, config.maxErrorChars() - 1) + "…";
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** How long an idle worker may wait before something it cannot be woken for falls due. */
    Duration untilNextDue(Duration cap) {
        Instant now = clock.instant();
        return nextDueAfter(now)
                .map(due -> Duration.between(now, due))
                .filter(d -> d.compareTo(cap) < 0)
                .orElse(cap);
    }
}
