package dev.evalbot.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit for every SQLite write of this process. SQLite has one writer per file, and with
 * {@code synchronous=FULL} each commit is an fsync (milliseconds on most disks), so transactions
 * that each commit alone queue behind one another: intake, workers and housekeeping all waited on
 * one lock, one fsync at a time.
 *
 * <p>Here callers queue their work and wait; one thread takes everything queued, runs each work in
 * a savepoint of one transaction and commits once, then answers every caller. Each work is still
 * all or nothing: a work that fails is rolled back to its savepoint and only its caller gets the
 * error. When the transaction itself cannot begin or commit (file locked past the busy timeout,
 * disk full, I/O error) every caller in it gets the error: nothing of it was committed, and no
 * caller is told otherwise. Works in one transaction run in arrival order (those queued ahead, the
 * webhooks' accepts, first) and each sees the ones before it, so the outcome is the one of running
 * them one after another.
 *
 * <p>No delay is added: a write that finds the writer idle commits at once, alone, on its caller's
 * thread; writes that queue while a transaction runs are committed together by the writer thread,
 * which exists while there is such work and ends after a short idle time.
 */
final class SqliteWriter implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private static final class Pending<T> {
        final String action;
        final SqlWork<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Pending(String action, SqlWork<T> work) {
            this.action = action;
            this.work = work;
        }
    }

    private final Connections connections;
    private final Duration timeout;
    private final int maxBatch;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    /** Writes a webhook reply waits for: they go into the next transaction ahead of the others. */
    private final ConcurrentLinkedQueue<Pending<?>> first = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ReentrantLock batchLock = new ReentrantLock();
    private final ThreadPoolExecutor thread;
    /** The thread running a batch (the writer or a caller), meanwhile: a write from inside a work joins that batch. */
    private volatile Thread current;
    private Connection currentConnection;
    private volatile boolean closed;
    private final Runnable onQueued;
    private final AtomicLong commits = new AtomicLong();

    /**
     * @param timeout how long a caller waits for its commit before it reports the store unavailable
     * @param maxBatch most works in one transaction
     * @param onQueued run by each caller right after it queued its work (the database passes a no-op;
     *     a test holds the writer there to queue a batch)
     */
    SqliteWriter(Connections connections, Duration timeout, int maxBatch, Runnable onQueued) {
        this.onQueued = onQueued;
        this.connections = connections;
        this.timeout = timeout;
        this.maxBatch = maxBatch;
        this.thread = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sqlite-writer-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} in a savepoint of the next transaction and returns once that committed. */
    <T> T write(String action, SqlWork<T> work) {
        return write(action, work, timeout, false);
    }

    /**
     * Like {@link #write}, ahead of the works queued without {@code ahead}: concurrent callers have no
     * order among themselves, so a caller that answers a webhook need not wait while the workers'
     * writes fill the transaction.
     *
     * @param timeout how long the caller waits for its commit
     */
    <T> T write(String action, SqlWork<T> work, Duration timeout, boolean ahead) {
        if (Thread.currentThread() == current) {
            return nested(action, work);
        }
        if (closed) {
            throw new StoreUnavailableException(action + ": the store is closed", null);
        }
        Pending<T> p = new Pending<>(action, work);
        (ahead ? first : queue).add(p);
        onQueued.run();
        if (draining.compareAndSet(false, true)) {
            if (ahead) {
                // A webhook's accept that finds the writer idle commits here, with the accepts
                // queued beside it, rather than wake the writer thread and wait to be woken: on two
                // busy cores each hand-off waits for a core. The workers' writes stay on the writer
                // thread, so that a reply never waits for a review's writes on its own thread.
                drainOnce();
            } else if (!handOff()) {
                p.result.completeExceptionally(new StoreUnavailableException(action + ": the store is closed", null));
            }
        }
        try {
            return p.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Too late for this caller: a transaction that has not started yet leaves its work out.
            p.result.completeExceptionally(new StoreUnavailableException(
                    action + ": the database writer did not commit within " + timeout, e));
            return outcome(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.result.completeExceptionally(new StoreUnavailableException(
                    action + ": interrupted while waiting for the database", e));
            return outcome(p);
        } catch (ExecutionException e) {
            throw StoreException.inCaller(e.getCause(), "");
        }
    }

    /** Transactions committed so far, for tests. */
    long commits() {
        return commits.get();
    }

    /** Stops taking work, lets the transaction in progress end, and waits for the thread. */
    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (batchLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) { // a caller's batch
                batchLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending<?> p; (p = first.poll()) != null || (p = queue.poll()) != null; ) {
            p.result.completeExceptionally(new StoreUnavailableException(p.action + ": the store is closed", null));
        }
    }

    private <T> T nested(String action, SqlWork<T> work) {
        Connection c = currentConnection;
        try {
            Savepoint savepoint = c.setSavepoint();
            try {
                T result = work.run(c);
                c.releaseSavepoint(savepoint);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                c.releaseSavepoint(savepoint);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(action, e);
        }
    }

    private static <T> T outcome(Pending<T> p) {
        try {
            return p.result.join();
        } catch (CompletionException e) {
            throw StoreException.inCaller(e.getCause(), "");
        } catch (CancellationException e) {
            throw new StoreUnavailableException(p.action + " was cancelled", e);
        }
    }


    /** The queued accepts (this one among them) on the caller's thread, then the rest to the writer thread. */
    private void drainOnce() {
        List<Pending<?>> batch = new ArrayList<>();
        take(first, batch, maxBatch);
        if (!batch.isEmpty()) {
            runLocked(batch);
        }
        if (stillQueued()) {
            handOff(); // when closed, close() fails what is still queued
        }
    }

    /** Runs {@link #drain} on the writer thread for the holder of {@link #draining}; false when closed. */
    private boolean handOff() {
        try {
            thread.execute(this::drain);
            return true;
        } catch (RejectedExecutionException e) {
            draining.set(false);
            return false;
        }
    }

    /**
     * Lets go of {@link #draining}, unless a write queued meanwhile: a write that queued after the
     * holder's last poll but saw {@code draining} still set relies on the holder. True when the
     * caller holds it again and has that work to do.
     */
    private boolean stillQueued() {
        draining.set(false);
        return !(queue.isEmpty() && first.isEmpty()) && draining.compareAndSet(false, true);
    }

    private void drain() {
        while (true) {
            List<Pending<?>> batch = new ArrayList<>();
            // One place is always left for the other writes, so that a flood of accepts cannot
            // starve the workers.
            take(first, batch, Math.max(1, maxBatch - 1));
            take(queue, batch, maxBatch);
            if (batch.isEmpty()) {
                if (!stillQueued()) {
                    return;
                }
                continue;
            }
            runLocked(batch);
        }
    }

    /**
     * Batches run one at a time already (only the holder of {@link #draining} runs one); the lock
     * lets {@link #close} wait for a batch that runs on a caller's thread, as it waits for the
     * writer thread's.
     */
    private void runLocked(List<Pending<?>> batch) {
        batchLock.lock();
        try {
            run(batch);
        } finally {
            batchLock.unlock();
        }
    }

    private static void take(ConcurrentLinkedQueue<Pending<?>> from, List<Pending<?>> batch, int upTo) {
        for (Pending<?> p = batch.size() < upTo ? from.poll() : null; p != null;
                p = batch.size() < upTo ? from.poll() : null) {
            if (!p.result.isDone()) { // its caller gave up waiting: never run it
                batch.add(p);
            }
        }
    }

    /** What became of one work inside the transaction. */
    private record Ran(Object value, Throwable failure) {}

    private void run(List<Pending<?>> batch) {
        Connection c;
        try {
            c = connections.acquire(true);
        } catch (SQLException e) {
            failAll(batch, e);
            return;
        }
        boolean broken = false;
        List<Ran> ran = new ArrayList<>(batch.size());
        try {
            c.setAutoCommit(false); // BEGIN IMMEDIATE: fails here when another process holds the file
            current = Thread.currentThread();
            currentConnection = c;
            for (Pending<?> p : batch) {
                ran.add(runOne(c, p));
            }
            current = null;
            c.commit();
            commits.incrementAndGet();
        } catch (SQLException | RuntimeException | Error e) {
            current = null;
            broken = e instanceof SQLException s && SqlErrors.breaksConnection(s);
            broken |= !QuietJdbc.rollback(c);
            failAll(batch, e);
            return;
        } finally {
            current = null;
            currentConnection = null;
            broken |= !QuietJdbc.autoCommit(c);
            connections.release(c, true, broken);
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), ran.get(i));
        }
    }

    /**
     * Runs one work in its own savepoint. Its own failure is rolled back and kept for its caller;
     * a savepoint that cannot be rolled back (SQLite may have rolled back the whole transaction,
     * e.g. on an I/O error) aborts the transaction with the work's error.
     */
    private static Ran runOne(Connection c, Pending<?> p) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            Object value = p.work.run(c);
            c.releaseSavepoint(savepoint);
            return new Ran(value, null);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback(savepoint);
                c.releaseSavepoint(savepoint);
            } catch (SQLException cannot) {
                e.addSuppressed(cannot);
                if (e instanceof SQLException s) {
                    throw s;
                }
                throw (RuntimeException) e;
            }
            return new Ran(null, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void complete(Pending p, Ran ran) {
        if (ran.failure() == null) {
            p.result.complete(ran.value());
        } else if (ran.failure() instanceof SQLException e) {
            p.result.completeExceptionally(SqlErrors.translate(p.action, e));
        } else {
            p.result.completeExceptionally(ran.failure());
        }
    }

    /** Nothing of the transaction was committed: every caller in it learns so. */
    private static void failAll(List<Pending<?>> batch, Throwable e) {
        for (Pending<?> p : batch) {
            p.result.completeExceptionally(e instanceof SQLException s ? SqlErrors.translate(p.action, s) : e);
        }
    }


}
