package dev.evalbot.app.inbox;

import dev.evalbot.app.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed pool of threads that claim deliveries from an {@link Inbox} and run a
 * {@link DeliveryHandler} on them. Idle threads wait on the inbox's wake-up signal (raised by
 * accept, finish and replay) or until the next retry or lease expiry falls due, capped by the poll
 * interval; they never spin. A housekeeping thread renews the leases of running work and prunes old
 * deliveries.
 */
public final class InboxWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);

    private final Inbox inbox;
    private final DeliveryHandler handler;
    private final WorkerConfig config;
    private final MeterRegistry registry;
    private final Set<Claim> inFlight = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService housekeeping;

    public InboxWorker(Inbox inbox, DeliveryHandler handler, WorkerConfig config, MeterRegistry registry) {
        this.inbox = Objects.requireNonNull(inbox);
        this.handler = Objects.requireNonNull(handler);
        this.config = Objects.requireNonNull(config);
        this.registry = Objects.requireNonNull(registry);
    }

    /**
     * Releases what a previous process left running (SQLite), then starts the threads.
     *
     * @throws StoreException when the store cannot be reached to release abandoned work
     */
    public synchronized void start() {
        if (housekeeping != null) {
            throw new IllegalStateException("already started");
        }
        int released = inbox.releaseAbandoned();
        if (released > 0) {
            LOG.info("released {} deliveries left running by a previous process", released);
        }
        int reclaimed = inbox.reclaimOwnAbandoned();
        if (reclaimed > 0) {
            LOG.info("reclaimed {} deliveries left running by this replica's previous run ({})", reclaimed,
                    inbox.leases().replicaId());
        }
        running = true;
        for (int i = 1; i <= config.threads(); i++) {
            Thread t = new Thread(this::loop, "inbox-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbox-housekeeping");
            t.setDaemon(true);
            return t;
        });
        // The heartbeat: a replica that stops (kill -9) stops renewing, and its claims run out.
        long renewEvery = inbox.leases().heartbeat().toMillis();
        housekeeping.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        long pruneEvery = config.pruneInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::prune, pruneEvery, pruneEvery, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops claiming, lets running deliveries finish within {@code grace}, then interrupts what is
     * left. Unfinished deliveries stay in the inbox (pending, or running under a lease that the next
     * start releases on SQLite and that expires on PostgreSQL).
     *
     * @return true when every running delivery finished within the grace period
     */
    public synchronized boolean shutdown(Duration grace) {
        if (!running) {
            return true;
        }
        running = false;
        inbox.wakeup().wake();
        long deadline = System.nanoTime() + grace.toNanos();
        boolean clean = true;
        for (Thread t : threads) {
            clean &= join(t, deadline);
        }
        if (!clean) {
            threads.forEach(Thread::interrupt);
        }
        housekeeping.shutdownNow();
        return clean;
    }

    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }

    private void loop() {
        Wakeup wakeup = inbox.wakeup();
        // A claim taken in the same transaction that finished the previous delivery. It runs even when
        // a shutdown began meanwhile: it is held under a lease like any running delivery.
        Optional<Claim> next = Optional.empty();
        while (running || next.isPresent()) {
            long seen = wakeup.count();
            try {
                Optional<Claim> claim = next.isPresent() ? next : inbox.claim();
                next = Optional.empty();
                if (claim.isPresent()) {
                    next = run(claim.get());
                } else {
                    wakeup.await(seen, inbox.untilNextDue(config.pollInterval()));
                }
            } catch (RuntimeException e) {
                // Keep the thread: a store outage or a bad row must not shrink the pool for good.
                LOG.warn("could not claim from the inbox, waiting: {}", e.getMessage());
                try {
                    wakeup.await(wakeup.count(), config.pollInterval());
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Runs one delivery and records its outcome; while running, claims the next in the same commit. */
    private Optional<Claim> run(Claim claim) {
        Delivery d = claim.delivery();
        inFlight.add(claim);
        Timer.Sample sample = Timer.start(registry);
        Outcome outcome;
        try {
            outcome = Objects.requireNonNull(handler.handle(d), "the handler returned no outcome");
        } catch (VirtualMachineError e) {
            // Out of memory and the like: leave the delivery to its lease, which another run reclaims.
            inFlight.remove(claim);
            throw e;
        } catch (Throwable t) {
            outcome = Outcome.retry(describe(t));
        }
        // An interrupt (forced shutdown) must not stop the outcome from being recorded.
        boolean interrupted = Thread.interrupted();
        Optional<Claim> next = Optional.empty();
        try {
            Disposition disposition;
            if (running && !interrupted) {
                Inbox.Finished finished = inbox.finishAndClaim(claim, outcome);
                disposition = finished.disposition();
                next = finished.next();
            } else {
                disposition = inbox.finish(claim, outcome);
            }
            if (disposition == Disposition.LEASE_LOST) {
                LOG.warn("lease on {} was lost before it finished; its outcome was not recorded", d);
            } else if (disposition == Disposition.DEAD_LETTERED) {
                LOG.warn("{} dead-lettered: {}", d, reason(outcome));
            }
        } catch (StoreException e) {
            LOG.warn("could not record the outcome of {} ({}); its lease will expire and it will run again", d,
                    e.getMessage());
        } finally {
            inFlight.remove(claim);
            sample.stop(Timer.builder("evalbot.deliveries.processing")
                    .description("time spent handling one delivery attempt")
                    .tag("platform", d.platform().code())
                    .tag("outcome", outcomeTag(outcome))
                    .register(registry));
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return next;
    }

    private void renewLeases() {
        for (Claim claim : inFlight) {
            try {
                // A claim that finished while this ran is no longer running: not a lost lease.
                if (!inbox.renew(claim) && inFlight.contains(claim)) {
                    LOG.warn("lease on {} was lost while it ran", claim.delivery());
                }
            } catch (StoreException e) {
                LOG.warn("could not renew the lease on {}: {}", claim.delivery(), e.getMessage());
            }
        }
    }

    private void prune() {
        try {
            int pruned = inbox.prune();
            if (pruned > 0) {
                LOG.info("pruned {} completed deliveries", pruned);
            }
        } catch (StoreException e) {
            LOG.warn("could not prune the inbox: {}", e.getMessage());
        }
    }

    private static boolean join(Thread t, long deadlineNanos) {
        long remaining = deadlineNanos - System.nanoTime();
        try {
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String reason(Outcome o) {
        if (o instanceof Outcome.Retry r) {
            return r.reason();
        }
        if (o instanceof Outcome.Wait w) {
            return w.reason();
        }
        return o instanceof Outcome.Fail f ? f.reason() : "";
    }

    private static String outcomeTag(Outcome o) {
        if (o instanceof Outcome.Done) {
            return "done";
        }
        if (o instanceof Outcome.Wait) {
            return "wait";
        }
        return o instanceof Outcome.Retry ? "retry" : "fail";
    }
}
