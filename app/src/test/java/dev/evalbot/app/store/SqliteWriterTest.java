package dev.evalbot.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite group commit: which writes share a transaction, and what each caller is told. A first
 * transaction is held open on a latch while the next writes queue, so the transactions formed are
 * known exactly.
 */
class SqliteWriterTest {
    @TempDir
    Path dir;
    Database db;
    SqliteConnections connections;
    SqliteWriter writer;
    final ExecutorService callers = Executors.newCachedThreadPool();
    final CountDownLatch inFirst = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);

    @BeforeEach
    void open() {
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + dir.resolve("evalbot.db")));
        db.write("make test tables", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (k TEXT PRIMARY KEY)");
                s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
                s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY,"
                        + " parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
            }
            return null;
        });
        connections = new SqliteConnections(db.dataSource(), Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        releaseFirst.countDown();
        callers.shutdownNow();
        if (writer != null) {
            writer.close();
        }
        connections.close();
        db.close();
    }

    SqliteWriter writer(Duration timeout, Runnable onQueued) {
        writer = new SqliteWriter(connections, timeout, 256, onQueued);
        return writer;
    }

    /** The first write: holds its transaction open until released. */
    Future<String> holdFirst(SqliteWriter w) throws Exception {
        Future<String> first = callers.submit(() -> w.write("first", c -> {
            insert(c, "first");
            inFirst.countDown();
            try {
                assertTrue(releaseFirst.await(60, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return "first";
        }));
        assertTrue(inFirst.await(30, TimeUnit.SECONDS));
        return first;
    }

    static void insert(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k) VALUES (?)")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    Set<String> stored() {
        return db.read("list", c -> {
            Set<String> keys = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k FROM t")) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        });
    }

    @Test
    void writesQueuedDuringATransactionShareTheNextCommitAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch queued = new CountDownLatch(1 + 30);
        SqliteWriter w = writer(Duration.ofMinutes(1), queued::countDown);
        Future<String> first = holdFirst(w);
        List<Future<Integer>> rest = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String key = "k" + i;
            int n = i;
            rest.add(callers.submit(() -> w.write("insert " + key, c -> {
                insert(c, key);
                return n;
            })));
        }
        assertTrue(queued.await(30, TimeUnit.SECONDS));
        releaseFirst.countDown();

        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        for (int i = 0; i < 30; i++) {
            assertEquals(i, rest.get(i).get(30, TimeUnit.SECONDS));
        }
        assertEquals(31, stored().size());
        assertEquals(2, writer.commits(), "one commit for the first, one for the thirty queued behind it");
    }

    @Test
    void anAcceptThatFindsTheWriterIdleCommitsOnItsOwnThreadAndAWorkersWriteOnTheWriters() {
        SqliteWriter w = writer(Duration.ofMinutes(1), () -> { });
        Thread caller = Thread.currentThread();
        String accept = w.write("an accept", c -> {
            insert(c, "accept");
            return Thread.currentThread().getName();
        }, Duration.ofMinutes(1), true);
        String worker = w.write("a worker's write", c -> {
            insert(c, "worker");
            return Thread.currentThread().getName();
        });
        assertEquals(caller.getName(), accept, "no hand-off to the writer thread and back");
        assertTrue(worker.startsWith("sqlite-writer-"), worker);
        assertEquals(Set.of("accept", "worker"), stored());
        assertEquals(2, writer.commits());
    }

    @Test
    void aWriteQueuedAheadRunsBeforeTheOthersInTheNextTransaction() throws Exception {
        Semaphore queued = new Semaphore(0);
        SqliteWriter w = writer(Duration.ofMinutes(1), queued::release);
        Future<String> first = holdFirst(w);
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        Future<String> worker = callers.submit(() -> w.write("a worker's write", c -> {
            order.add("worker");
            insert(c, "worker");
            return "worker";
        }));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        Future<String> accept = callers.submit(() -> w.write("an accept", c -> {
            order.add("accept");
            insert(c, "accept");
            return "accept";
        }, Duration.ofMinutes(1), true));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        releaseFirst.countDown();

        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        assertEquals("accept", accept.get(30, TimeUnit.SECONDS));
        assertEquals("worker", worker.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("accept", "worker"), order);
        assertEquals(2, writer.commits(), "both queued writes still share one commit");
    }

    @Test
    void writesQueuedAheadAlwaysLeaveOnePlaceForTheOthers() throws Exception {
        Semaphore queued = new Semaphore(0);
        writer = new SqliteWriter(connections, Duration.ofMinutes(1), 2, queued::release);
        SqliteWriter w = writer;
        Future<String> first = holdFirst(w);
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<String>> all = new ArrayList<>();
        for (String key : List.of("a1", "n", "a2", "a3")) {
            boolean ahead = key.startsWith("a");
            all.add(callers.submit(() -> w.write("insert " + key, c -> {
                order.add(key);
                insert(c, key);
                return key;
            }, Duration.ofMinutes(1), ahead)));
            assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        }
        releaseFirst.countDown();
        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        for (Future<String> f : all) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of("a1", "n", "a2", "a3"), order, "the worker's write goes in the first transaction after");
        assertEquals(4, writer.commits());
    }

    @Test
    void aWriteQueuedAheadGivesUpAfterItsOwnTimeout() throws Exception {
        Semaphore queued = new Semaphore(0);
        SqliteWriter w = writer(Duration.ofMinutes(1), queued::release);
        Future<String> first = holdFirst(w);
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> callers.submit(() -> w.write("an accept",
                c -> {
                    insert(c, "late");
                    return "late";
                }, Duration.ofMillis(50), true)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, e.getCause());
        releaseFirst.countDown();
        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        assertFalse(stored().contains("late"), "a transaction that began after the caller gave up leaves it out");
    }

    @Test
    void aWorkThatFailsIsRolledBackAloneAndOnlyItsCallerIsTold() throws Exception {
        Semaphore queued = new Semaphore(0);
        SqliteWriter w = writer(Duration.ofMinutes(1), queued::release);
        Future<String> first = holdFirst(w);
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        Future<String> before = callers.submit(() -> w.write("insert a", c -> {
            insert(c, "a");
            return "a";
        }));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS)); // queued in this order
        Future<String> failing = callers.submit(() -> w.write("insert b then a again", c -> {
            insert(c, "b");
            insert(c, "a"); // primary key taken: this work fails after a write of its own
            return "b";
        }));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS)); // queued in this order
        Future<String> after = callers.submit(() -> w.write("insert c", c -> {
            insert(c, "c");
            return "c";
        }));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        releaseFirst.countDown();

        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        assertEquals("a", before.get(30, TimeUnit.SECONDS));
        assertEquals("c", after.get(30, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(30, TimeUnit.SECONDS));
        StoreException failure = assertInstanceOf(StoreException.class, e.getCause());
        assertTrue(failure.getMessage().startsWith("insert b then a again: "), failure.getMessage());
        assertEquals(Set.of("first", "a", "c"), stored(), "b went with its own work, nothing else did");
        assertEquals(2, writer.commits());
    }

    @Test
    void whenTheCommitFailsEveryCallerInTheTransactionIsToldAndNothingIsStored() throws Exception {
        Semaphore queued = new Semaphore(0);
        SqliteWriter w = writer(Duration.ofMinutes(1), queued::release);
        Future<String> first = holdFirst(w);
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        List<Future<String>> batch = new ArrayList<>();
        batch.add(callers.submit(() -> w.write("insert x", c -> {
            insert(c, "x");
            return "x";
        })));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS)); // queued in this order
        // A deferred foreign key is checked at COMMIT only: the statement succeeds, the commit cannot.
        batch.add(callers.submit(() -> w.write("insert an orphan", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO child (id, parent) VALUES (1, 42)");
            }
            return "orphan";
        })));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS)); // queued in this order
        batch.add(callers.submit(() -> w.write("insert y", c -> {
            insert(c, "y");
            return "y";
        })));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        releaseFirst.countDown();

        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        for (Future<String> f : batch) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            StoreException failure = assertInstanceOf(StoreException.class, e.getCause());
            assertTrue(failure.getMessage().contains("FOREIGN KEY"), failure.getMessage());
        }
        assertEquals(Set.of("first"), stored(), "x and y were in the transaction that did not commit");
        assertEquals(1, writer.commits());

        assertEquals("z", w.write("insert z", c -> {
            insert(c, "z");
            return "z";
        }), "the writer goes on");
        assertTrue(stored().contains("z"));
    }

    @Test
    void aCallerThatTimesOutIsToldSoAndItsWorkNeverRuns() throws Exception {
        SqliteWriter w = writer(Duration.ofMillis(200), () -> { });
        Future<String> first = holdFirst(w);
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> w.write("insert late", c -> {
            insert(c, "late");
            return "late";
        }));
        assertTrue(e.getMessage().startsWith("insert late: "), e.getMessage());
        releaseFirst.countDown();
        try {
            first.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException ignored) {
            // the first waited past 200 ms as well; it committed all the same
        }
        assertEquals("next", w.write("insert next", c -> {
            insert(c, "next");
            return "next";
        }));
        assertEquals(Set.of("first", "next"), stored());
    }

    @Test
    void aWriteFromInsideAWorkJoinsItsTransaction() {
        SqliteWriter w = writer(Duration.ofMinutes(1), () -> { });
        String result = w.write("outer", c -> {
            insert(c, "outer");
            assertThrows(StoreException.class, () -> w.write("inner that fails", inner -> {
                insert(inner, "inner-1");
                insert(inner, "outer");
                return null;
            }));
            return w.write("inner", inner -> {
                insert(inner, "inner-2");
                return "joined";
            });
        });
        assertEquals("joined", result);
        assertEquals(Set.of("outer", "inner-2"), stored());
    }

    @Test
    void aClosedWriterRefusesWork() {
        SqliteWriter w = writer(Duration.ofMinutes(1), () -> { });
        w.close();
        assertThrows(StoreUnavailableException.class, () -> w.write("too late", c -> null));
        assertFalse(stored().contains("too late"));
    }
}
