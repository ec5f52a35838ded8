package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.app.store.StoreUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite: what survives a crash, and what happens when the file cannot take a write. */
class SqliteDurabilityTest {
    @TempDir
    Path dir;

    String url() {
        return "jdbc:sqlite:" + dir.resolve("evalbot.db");
    }

    Inbox inbox(Database db, MutableClock clock) {
        return new Inbox(db, InboxContractTest.CONFIG, clock, Jitter.none(), new SimpleMeterRegistry(),
                PlatformModules.known(), LeaseSettings.of(InboxContractTest.CONFIG.lease()));
    }

    @Test
    void workLeftRunningByADeadProcessIsClaimableAfterReopening() {
        MutableClock clock = MutableClock.atDefaultStart();
        try (Database db = Database.open(StoreConfig.of(url()))) {
            Inbox inbox = inbox(db, clock);
            inbox.accept(Deliveries.command("a", "github:o/r#1"));
            inbox.accept(Deliveries.command("b", "github:o/r#2"));
            inbox.claim().orElseThrow();
            // closed without finishing: the process "died"
        }
        try (Database db = Database.open(StoreConfig.of(url()))) {
            Inbox inbox = inbox(db, clock);
            Claim b = inbox.claim().orElseThrow();
            assertEquals("b", b.delivery().key());
            assertTrue(inbox.claim().isEmpty(), "a is still under its old lease");
            inbox.finish(b, Outcome.done());
            // What InboxWorker.start does first on SQLite.
            assertEquals(1, inbox.releaseAbandoned());
            Claim a = inbox.claim().orElseThrow();
            assertEquals("a", a.delivery().key());
            assertEquals(2, a.delivery().attempt());
        }
    }

    @Test
    void withoutReleaseAnAbandonedLeaseExpiresByItself() {
        MutableClock clock = MutableClock.atDefaultStart();
        try (Database db = Database.open(StoreConfig.of(url()))) {
            Inbox inbox = inbox(db, clock);
            inbox.accept(Deliveries.command("a", "github:o/r#1"));
            inbox.claim().orElseThrow();
        }
        try (Database db = Database.open(StoreConfig.of(url()))) {
            Inbox inbox = inbox(db, clock);
            assertTrue(inbox.claim().isEmpty());
            clock.advance(InboxContractTest.CONFIG.lease());
            assertEquals("a", inbox.claim().orElseThrow().delivery().key());
        }
    }

    @Test
    void everyAcceptedDeliverySurvivesKillDashNine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashVictim.class.getName(), url()).redirectErrorStream(true).start();
        Set<String> accepted = new HashSet<>();
        Set<String> claimed = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && accepted.size() < 200; line = out.readLine()) {
                if (line.startsWith("accepted ")) {
                    accepted.add(line.substring(9));
                } else if (line.startsWith("claimed ")) {
                    claimed.add(line.substring(8));
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, mid-accept
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(200, accepted.size(), "the child printed its accepts");
        assertEquals(2, claimed.size());

        try (Database db = Database.open(StoreConfig.of(url()))) {
            Inbox inbox = inbox(db, MutableClock.atDefaultStart());
            Set<String> stored = inbox.admin().recent(100_000).stream().map(DeliveryRecord::key)
                    .collect(Collectors.toSet());
            assertTrue(stored.containsAll(accepted), "every delivery acknowledged before the kill is stored");
            assertEquals(2, inbox.releaseAbandoned());
            Set<String> drained = new HashSet<>();
            for (Optional<Claim> c = inbox.claim(); c.isPresent(); c = inbox.claim()) {
                drained.add(c.get().delivery().key());
                inbox.finish(c.get(), Outcome.done());
            }
            assertEquals(stored, drained, "everything stored, including the claimed ones, runs after restart");
        }
    }

    @Test
    void aDatabaseLockedPastTheBusyTimeoutMakesAcceptFailLoudly() throws Exception {
        StoreConfig config = StoreConfig.of(url()).withBusyTimeout(Duration.ofMillis(200));
        try (Database db = Database.open(config);
             Connection other = DriverManager.getConnection(url());
             Statement s = other.createStatement()) {
            Inbox inbox = inbox(db, MutableClock.atDefaultStart());
            s.execute("BEGIN EXCLUSIVE"); // another process holds the write lock
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> inbox.accept(Deliveries.command("k", "github:o/r#1")));
            assertTrue(e.getMessage().contains("SQLITE_BUSY"), e.getMessage());
            s.execute("ROLLBACK");

            assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(Deliveries.command("k", "github:o/r#1")),
                    "the failed accept stored nothing, so the redelivery is new");
        }
    }

    @Test
    void aFullDiskMakesAcceptFailLoudly() {
        try (Database db = Database.open(StoreConfig.of(url()))) {
            Inbox inbox = inbox(db, MutableClock.atDefaultStart());
            // max_page_count caps the file at its current size: the next page is "disk full".
            db.write("cap the file", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + pageCount(s));
                }
                return null;
            });
            NewDelivery big = new NewDelivery(PlatformId.GITHUB, "big", "pull_request", "opened", "github:o/r#1",
                    "sha", DeliveryKind.REVIEW, new byte[1 << 20], Deliveries.RECEIVED, null);
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> inbox.accept(big));
            assertTrue(e.getMessage().contains("SQLITE_FULL"), e.getMessage());
            assertEquals(0, inbox.depth());
            assertTrue(db.isReachable(), "reads still work: ready for what is stored, failing new writes");
        }
    }

    @Test
    void aBatchThatCannotCommitStoresNoneOfItsDeliveries() {
        try (Database db = Database.open(StoreConfig.of(url()))) {
            Inbox inbox = inbox(db, MutableClock.atDefaultStart());
            db.write("cap the file", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + pageCount(s));
                }
                return null;
            });
            NewDelivery big = new NewDelivery(PlatformId.GITHUB, "big", "pull_request", "opened", "github:o/r#2",
                    "sha", DeliveryKind.REVIEW, new byte[1 << 20], Deliveries.RECEIVED, null);
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> inbox.acceptAll(
                    List.of(Deliveries.command("small-1", "github:o/r#1"), big,
                            Deliveries.command("small-2", "github:o/r#3"))));
            assertTrue(e.getMessage().contains("SQLITE_FULL"), e.getMessage());
            assertEquals(0, inbox.depth(), "the small ones went with the big one: none was acknowledged");
            assertTrue(inbox.admin().recent(10).isEmpty());
        }
    }

    @Test
    void concurrentAcceptsWhileTheFileIsLockedAreAllRefusedAndNoneIsStored() throws Exception {
        StoreConfig config = StoreConfig.of(url()).withBusyTimeout(Duration.ofMillis(200));
        int callers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (Database db = Database.open(config);
             Connection other = DriverManager.getConnection(url());
             Statement s = other.createStatement()) {
            Inbox inbox = inbox(db, MutableClock.atDefaultStart());
            s.execute("BEGIN EXCLUSIVE");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AcceptResult>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                NewDelivery d = Deliveries.command("locked-" + i, "github:o/r#" + i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return inbox.accept(d);
                }));
            }
            start.countDown();
            for (Future<AcceptResult> f : futures) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
                assertInstanceOf(StoreUnavailableException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("SQLITE_BUSY"), e.getCause().getMessage());
            }
            s.execute("ROLLBACK");

            for (int i = 0; i < callers; i++) {
                assertInstanceOf(AcceptResult.Accepted.class,
                        inbox.accept(Deliveries.command("locked-" + i, "github:o/r#" + i)),
                        "the refused accept stored nothing, so the redelivery is new");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long pageCount(Statement s) throws java.sql.SQLException {
        try (var rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
