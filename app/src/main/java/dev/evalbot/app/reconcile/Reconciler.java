package dev.evalbot.app.reconcile;

import dev.evalbot.app.inbox.AcceptResult;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.store.SeenRepos;
import dev.evalbot.app.store.StoredReview;
import dev.evalbot.app.store.SweepLease;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the open pull requests whose current head has no review (their webhook failed, came while
 * evalbot was down, or was over the Hub's daily cap) and queues their review through the inbox,
 * exactly as a webhook would: the same delivery handler reviews them, so one comment, the current
 * head, and a webhook of the same head arriving meanwhile is absorbed (see {@link OpenPull#delivery}).
 * Sweeps run at start and every {@link ReconcileSettings#interval()}, one at a time.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** What one sweep found, over every platform. */
    public record Sweep(int repositories, int open, int queued, int reviewed, int waiting, List<String> stopped) {}

    private final List<PullSource> sources;
    private final Inbox inbox;
    private final ReviewStore reviews;
    private final SeenRepos seen;
    private final ReconcileSettings settings;
    private final SweepLease lease;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ReentrantLock sweeping = new ReentrantLock();
    private ScheduledExecutorService timer;

    Reconciler(List<PullSource> sources, Inbox inbox, ReviewStore reviews, SeenRepos seen, ReconcileSettings settings,
            SweepLease lease, MeterRegistry meters, Clock clock) {
        this.sources = List.copyOf(sources);
        this.inbox = inbox;
        this.reviews = reviews;
        this.seen = seen;
        this.settings = settings;
        this.lease = lease;
        this.meters = meters;
        this.clock = clock;
    }

    /** The reconciler of a store and its inbox; {@code sources}: one per live platform. */
    public static Reconciler of(List<PullSource> sources, Inbox inbox, dev.evalbot.app.store.Database db,
            ReconcileSettings settings, MeterRegistry meters, Clock clock) {
        return new Reconciler(sources, inbox, new ReviewStore(db, clock), new SeenRepos(db), settings,
                new SweepLease(db, settings.enabled() ? settings.interval() : java.time.Duration.ofMinutes(10), clock),
                meters, clock);
    }

    /** Sweeps now and then every interval, on a thread of its own; nothing when off or with nothing to sweep. */
    public synchronized void start() {
        if (!settings.enabled() || sources.isEmpty() || timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "evalbot-reconciler");
            t.setDaemon(true);
            return t;
        });
        long every = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            if (lease.take()) {
                sweep();
            } else {
                LOG.debug("reconciler: another replica swept within the interval; skipped");
            }
        } catch (RuntimeException e) {
            // The next sweep tries again; a store or platform outage must not end the timer.
            LOG.warn("reconciler: sweep failed: {}", e.toString());
        }
    }

    /** One sweep of every platform, on the caller's thread (after any sweep running ends). */
    public Sweep sweep() {
        sweeping.lock();
        try {
            int[] counts = new int[4]; // open, queued, reviewed, waiting
            int repositories = 0;
            List<String> stopped = new java.util.ArrayList<>();
            for (PullSource source : sources) {
                PullSource.SweepResult r = source.sweep(seen.of(source.platform()), pull -> consider(pull, counts));
                repositories += r.repositories();
                if (r.stopped() != null) {
                    stopped.add(r.stopped());
                }
            }
            meters.counter("evalbot.reconciler.sweeps").increment();
            Sweep sweep = new Sweep(repositories, counts[0], counts[1], counts[2], counts[3], List.copyOf(stopped));
            LOG.info("reconciled {} PRs in {} repositories: {} queued for review, {} reviewed already, {} queued"
                    + " already{}", sweep.open(), sweep.repositories(), sweep.queued(), sweep.reviewed(), sweep.waiting(),
                    stopped.isEmpty() ? "" : "; stopped early: " + String.join("; ", stopped));
            return sweep;
        } finally {
            sweeping.unlock();
        }
    }

    /** One open pull request: queued unless its current head is reviewed already. */
    private void consider(OpenPull pull, int[] counts) {
        counts[0]++;
        boolean reviewed = reviews.get(pull.pull()).map(StoredReview::review)
                .filter(r -> pull.headSha().equals(r.headSha())).isPresent();
        String outcome;
        if (reviewed) {
            counts[2]++;
            outcome = "reviewed";
        } else {
            AcceptResult result = inbox.accept(pull.delivery(clock.instant()));
            if (result instanceof AcceptResult.Accepted) {
                counts[1]++;
                outcome = "queued";
                LOG.info("reconciler: {} at {} has no review; queued", pull.pull().subject(),
                        pull.headSha().substring(0, Math.min(7, pull.headSha().length())));
            } else {
                counts[3]++;
                outcome = "waiting";
            }
        }
        meters.counter("evalbot.reconciler.pulls", "platform", pull.platform().code(), "outcome", outcome).increment();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }
}
