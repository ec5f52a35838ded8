package dev.evalbot.app.inbox;

import dev.evalbot.app.store.StoreException;
import dev.evalbot.app.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Group commit for {@link Inbox#accept} where each transaction has a connection of its own
 * (PostgreSQL): callers queue their delivery and wait; one committer thread
 * takes everything queued (up to a batch) and commits it in one transaction, so that one fsync covers
 * many deliveries, then tells each caller its own result. Nothing is answered before its transaction
 * committed; when the transaction fails every caller in it gets the failure.
 *
 * <p>There is no added delay: an accept that finds the committer idle is committed at once, alone,
 * and batches only form while a commit is in progress. The thread exists while there is work and
 * ends after a short idle time, so an inbox needs no closing.
 */
final class AcceptCommitter implements AcceptPath {
    private record Pending(NewDelivery delivery, CompletableFuture<AcceptResult> result) {}

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Function<List<NewDelivery>, List<AcceptResult>> commit;
    private final Duration timeout;
    private final int maxBatch;
    private final long maxBatchBytes;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** True while a drain task is scheduled or running; at most one is. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ThreadPoolExecutor thread;
    private final Runnable onQueued;

    /**
     * @param commit commits the deliveries in one transaction, in order, and returns one result per
     *     delivery; throws when nothing was committed
     * @param onQueued run by each caller right after it queued its delivery (the inbox passes a no-op;
     *     a test, the latch that holds a batch open)
     */
    AcceptCommitter(Function<List<NewDelivery>, List<AcceptResult>> commit, Duration timeout, int maxBatch,
            long maxBatchBytes, Runnable onQueued) {
        this.onQueued = onQueued;
        this.commit = commit;
        this.timeout = timeout;
        this.maxBatch = maxBatch;
        this.maxBatchBytes = maxBatchBytes;
        this.thread = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "inbox-committer-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread.allowCoreThreadTimeOut(true);
    }

    /**
     * Waits until the delivery is committed (or found to be a duplicate).
     *
     * @throws StoreUnavailableException when its transaction failed for a reason that may pass, or it
     *     was not committed within the timeout (it may still be committed later: a redelivery is then
     *     a duplicate, which is harmless)
     * @throws StoreException when its transaction failed otherwise
     */
    @Override
    public AcceptResult accept(NewDelivery d) {
        Pending p = new Pending(d, new CompletableFuture<>());
        queue.add(p);
        onQueued.run();
        if (draining.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                p.result().completeExceptionally(new StoreUnavailableException("the inbox committer is stopped", e));
            }
        }
        try {
            return p.result().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Too late for this caller: a batch that has not started yet leaves it out.
            p.result().completeExceptionally(new StoreUnavailableException(
                    "accept delivery " + d.key() + ": not committed within " + timeout, e));
            return outcome(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.result().completeExceptionally(new StoreUnavailableException(
                    "accept delivery " + d.key() + ": interrupted while waiting for the commit", e));
            return outcome(p);
        } catch (ExecutionException e) {
            throw StoreException.inCaller(e.getCause(), "accept failed: ");
        }
    }

    /** The result of a completed future, its failure thrown in the caller's thread. */
    private static AcceptResult outcome(Pending p) {
        try {
            return p.result().join();
        } catch (CompletionException e) {
            throw StoreException.inCaller(e.getCause(), "accept failed: ");
        } catch (CancellationException e) {
            throw new StoreUnavailableException("accept delivery " + p.delivery().key() + " was cancelled", e);
        }
    }


    private void drain() {
        Pending carry = null;
        while (true) {
            List<Pending> batch = new ArrayList<>();
            long bytes = 0;
            Pending p = carry != null ? carry : queue.poll();
            carry = null;
            while (p != null) {
                if (!p.result().isDone()) { // its caller gave up waiting: it is not stored
                    long size = p.delivery().payload().length;
                    if (!batch.isEmpty() && bytes + size > maxBatchBytes) {
                        carry = p;
                        break;
                    }
                    batch.add(p);
                    bytes += size;
                    if (batch.size() >= maxBatch) {
                        break;
                    }
                }
                p = queue.poll();
            }
            if (batch.isEmpty()) {
                draining.set(false);
                // An accept that queued after our last poll but saw draining still set relies on us.
                if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) {
        List<NewDelivery> deliveries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            deliveries.add(p.delivery());
        }
        List<AcceptResult> results;
        try {
            results = commit.apply(deliveries);
            if (results.size() != batch.size()) {
                throw new IllegalStateException(results.size() + " results for " + batch.size() + " deliveries");
            }
        } catch (RuntimeException | Error e) {
            // Nothing of the batch was committed: no caller may be told otherwise.
            for (Pending p : batch) {
                p.result().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }
}
