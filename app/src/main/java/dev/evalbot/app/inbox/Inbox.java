package dev.evalbot.app.inbox;

import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.DeliveryStore;
import dev.evalbot.app.store.DeliveryWrites;
import dev.evalbot.app.store.StoreException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable, deduplicating queue between the webhook server and the workers.
 *
 * <p>{@link #accept} commits a delivery before the server answers. Workers {@link #claim} one
 * delivery at a time under a lease, run it, and {@link #finish} it with the handler's
 * {@link Outcome}. Deliveries of one subject run one at a time in arrival order; a lease that
 * expires (its worker died) makes the delivery claimable again. Safe to use from many threads and,
 * on PostgreSQL, from many replicas at once.
 *
 * <p>The rules of the queue are here and in {@link Intake} (the accept's); the deliveries table's
 * SQL is the {@link DeliveryStore}'s.
 */
public final class Inbox {
    private final EventCodec events = new EventCodec();
    private static final String ABANDONED = "abandoned: its worker stopped before finishing (crash or shutdown)";

    private final DeliveryStore store;
    private final InboxConfig config;
    private final Clock clock;
    private final Jitter jitter;
    private final InboxMetrics metrics;
    private final Wakeup wakeup = new Wakeup();
    private final Intake intake;
    private final AcceptPath acceptPath;
    private final LeaseSettings leases;

    /**
     * @param platforms those whose counters exist from the start
     * @param leases the lease (it replaces {@code config}'s), its heartbeat and this replica's name
     */
    public Inbox(Database db, InboxConfig config, Clock clock, Jitter jitter, MeterRegistry registry,
            KnownPlatforms platforms, LeaseSettings leases) {
        this.store = new DeliveryStore(Objects.requireNonNull(db));
        this.leases = Objects.requireNonNull(leases);
        config = Objects.requireNonNull(config).withLease(leases.lease());
        this.config = config;
        this.clock = Objects.requireNonNull(clock);
        this.jitter = Objects.requireNonNull(jitter);
        this.metrics = new InboxMetrics(registry, platforms);
        this.intake = new Intake(store, clock, config.hubDedupeWindow(), metrics, wakeup);
        this.acceptPath = db.groupCommits()
                ? new DirectAccept(store, intake, clock, config.acceptTimeout())
                : new AcceptCommitter(intake::acceptAll, config.acceptTimeout(), config.maxBatch(),
                        config.maxBatchBytes(), () -> { });
        Gauge.builder("evalbot.inbox.depth", this, Inbox::depthOrNaN)
                .description("deliveries pending or running")
                .register(registry);
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
        return acceptPath.accept(d);
    }

    /** {@link Intake#acceptAll}: the deliveries in one transaction, in order, all or nothing. */
    List<AcceptResult> acceptAll(List<NewDelivery> batch) {
        return intake.acceptAll(batch);
    }

    /**
     * Takes the next claimable delivery under a fresh lease, or nothing. A delivery whose lease
     * expired is claimable again; if it has no attempt left it is dead-lettered instead.
     */
    public Optional<Claim> claim() {
        List<PlatformId> abandonedDead = new ArrayList<>();
        Optional<Claim> claim = store.write("claim a delivery", w -> {
            abandonedDead.clear();
            return claim(w, clock.millis(), abandonedDead);
        });
        abandonedDead.forEach(metrics::deadLettered);
        return claim;
    }

    /** Records what the handler made of a claimed delivery. */
    public Disposition finish(Claim claim, Outcome outcome) {
        Finishing f = finishing(claim, outcome, clock.millis());
        Disposition disposition = store.write(f.action(), f.work());
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
        Finished finished = store.write(f.action() + " and claim the next", w -> {
            abandonedDead.clear();
            Disposition disposition = f.work().run(w);
            return new Finished(disposition, claim(w, now, abandonedDead));
        });
        finished(claim, finished.disposition());
        abandonedDead.forEach(metrics::deadLettered);
        return finished;
    }

    private Optional<Claim> claim(DeliveryWrites w, long now, List<PlatformId> abandonedDead) throws SQLException {
        while (true) {
            DeliveryWrites.Candidate next = w.candidate(now);
            if (next == null) {
                return Optional.empty();
            }
            if (next.abandoned() && config.retry().exhausted(next.attempts())) {
                w.deadLetter(next.id(), null, ABANDONED, now);
                abandonedDead.add(next.platform());
                continue;
            }
            return Optional.of(take(w, next, now));
        }
    }

    private Claim take(DeliveryWrites w, DeliveryWrites.Candidate next, long now) throws SQLException {
        String token = leases.token(UUID.randomUUID().toString());
        long until = now + config.lease().toMillis();
        DeliveryWrites.ClaimedRow row = w.take(next.id(), token, until, ABANDONED, now);
        Delivery d = new Delivery(row.id(), row.platform(), row.key(), row.event(), row.action(), row.subject(),
                row.headSha(), DeliveryKind.of(row.kind()), row.payload(), row.receivedAt(), row.attempts(),
                events.read(row.pullRequestEvent()));
        return new Claim(d, token, Instant.ofEpochMilli(until));
    }

    /** The write that records an outcome, decided (backoff drawn, error cut) before the transaction. */
    private record Finishing(String action, DeliveryStore.Work<Disposition> work) {}

    private Finishing finishing(Claim claim, Outcome outcome, long now) {
        Delivery d = claim.delivery();
        long id = d.id();
        String token = claim.leaseToken();
        if (outcome instanceof Outcome.Done) {
            return new Finishing("complete delivery " + d.key(), w -> w.complete(id, token, now)
                    ? Disposition.COMPLETED : Disposition.LEASE_LOST);
        }
        if (outcome instanceof Outcome.Wait wait) {
            // Waiting for a budget is not a failure: the claim's attempt is given back.
            long due = Math.max(now, wait.until().toEpochMilli());
            String error = errorText(wait.reason());
            return new Finishing("defer delivery " + d.key(), w -> w.defer(id, token, due, error, now)
                    ? Disposition.RETRY_SCHEDULED : Disposition.LEASE_LOST);
        }
        if (outcome instanceof Outcome.Retry r && !config.retry().exhausted(d.attempt())) {
            long due = retryDue(claim, r, now);
            String error = errorText(r.reason());
            return new Finishing("reschedule delivery " + d.key(), w -> w.reschedule(id, token, due, error, now)
                    ? Disposition.RETRY_SCHEDULED : Disposition.LEASE_LOST);
        }
        String reason = outcome instanceof Outcome.Retry r
                ? "gave up after " + d.attempt() + " attempts: " + r.reason()
                : ((Outcome.Fail) outcome).reason();
        String error = errorText(reason);
        return new Finishing("dead-letter delivery " + d.key(), w -> w.deadLetter(id, token, error, now)
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
        return store.renew(claim.delivery().id(), claim.leaseToken(), now + config.lease().toMillis(), now);
    }

    /**
     * At startup of the single process that owns an SQLite file: every running delivery was left by
     * a previous process that died, so it is claimable at once rather than when its lease expires.
     * On PostgreSQL this does nothing: other replicas' leases are live, and expiry handles the dead.
     *
     * @return how many deliveries were released
     */
    public int releaseAbandoned() {
        if (!store.singleProcess()) {
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
        if (id == null || store.singleProcess()) {
            return 0;
        }
        return releaseRunning("reclaim this replica's abandoned deliveries", id + "/");
    }

    /**
     * Makes running deliveries claimable at once (dead when out of attempts), all of them or, with a
     * {@code tokenPrefix}, those whose lease token starts with it.
     */
    private int releaseRunning(String what, String tokenPrefix) {
        int released = store.releaseRunning(what, config.retry().maxAttempts(), ABANDONED, tokenPrefix,
                clock.millis());
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
        return store.nextDueAfter(now);
    }

    /** Deliveries pending or running. */
    public long depth() {
        return store.countActive();
    }

    /**
     * Deletes completed deliveries older than the retention (their keys stop counting as seen).
     *
     * @return how many were deleted
     */
    public int prune() {
        return store.deleteCompletedBefore(clock.millis() - config.retention().toMillis());
    }

    /** Admin operations that wake this inbox's workers when they make work claimable. */
    public DeliveryAdmin admin() {
        return new DeliveryAdmin(store, clock, wakeup::wake);
    }

    /** Wakes idle workers, e.g. after a change made behind the inbox's back. */
    public void wake() {
        wakeup.wake();
    }

    public InboxConfig config() {
        return config;
    }

    Wakeup wakeup() {
        return wakeup;
    }

    private double depthOrNaN() {
        try {
            return depth();
        } catch (StoreException e) {
            return Double.NaN;
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

    /** One line, bounded: errors end up in a terminal table and a database column. */
    String errorText(String reason) {
        String line = reason == null || reason.isBlank() ? "(no reason given)" : reason.replaceAll("\\s+", " ").trim();
        return line.length() <= config.maxErrorChars() ? line : line.substring(0, config.maxErrorChars() - 1) + "…";
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
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
