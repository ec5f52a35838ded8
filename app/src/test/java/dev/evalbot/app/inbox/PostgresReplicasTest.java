package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.app.store.StoreUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Several replicas sharing one PostgreSQL inbox, and PostgreSQL going away. */
class PostgresReplicasTest {
    @Test
    void twoReplicasDrainFiveHundredDeliveriesEachExactlyOnce() throws Exception {
        int total = 500;
        int subjects = 25;
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, List<Long>> order = new ConcurrentHashMap<>();
        Map<String, Long> ids = new ConcurrentHashMap<>();
        Map<String, String> active = new ConcurrentHashMap<>();
        AtomicBoolean overlap = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(total);
        DeliveryHandler handler = d -> {
            if (active.putIfAbsent(d.subject(), d.key()) != null) {
                overlap.set(true);
            }
            runs.computeIfAbsent(d.key(), k -> new AtomicInteger()).incrementAndGet();
            order.computeIfAbsent(d.subject(), s -> Collections.synchronizedList(new ArrayList<>())).add(d.id());
            active.remove(d.subject());
            finished.countDown();
            return Outcome.done();
        };
        // Polling is how a replica learns of work accepted by the other one.
        WorkerConfig workers = new WorkerConfig(3, Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofHours(1));
        MutableClock clock = MutableClock.atDefaultStart();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            String url = server.newDatabaseUrl();
            try (Database db1 = Database.open(StoreConfig.of(url));
                 Database db2 = Database.open(StoreConfig.of(url))) {
                Inbox[] replicas = {
                    new Inbox(db1, InboxConfig.DEFAULT, clock, Jitter.none(), new SimpleMeterRegistry(),
                            PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease())),
                    new Inbox(db2, InboxConfig.DEFAULT, clock, Jitter.none(), new SimpleMeterRegistry(),
                            PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()))};
                try (InboxWorker w1 = new InboxWorker(replicas[0], handler, workers, new SimpleMeterRegistry());
                     InboxWorker w2 = new InboxWorker(replicas[1], handler, workers, new SimpleMeterRegistry())) {
                    w1.start();
                    w2.start();
                    List<Thread> senders = new ArrayList<>();
                    for (int r = 0; r < 2; r++) {
                        Inbox replica = replicas[r];
                        int offset = r;
                        Thread t = new Thread(() -> {
                            for (int i = offset; i < total; i += 2) {
                                String key = "d" + i;
                                AcceptResult a = replica.accept(Deliveries.command(key, "github:o/r#" + i % subjects));
                                ids.put(key, ((AcceptResult.Accepted) a).id());
                            }
                        });
                        senders.add(t);
                        t.start();
                    }
                    for (Thread t : senders) {
                        t.join();
                    }
                    assertTrue(finished.await(120, TimeUnit.SECONDS), "all deliveries ran");
                }
                assertEquals(0, replicas[0].depth());
            }
        }
        assertFalse(overlap.get(), "no subject ran on two workers at once");
        assertEquals(total, runs.size());
        assertTrue(runs.values().stream().allMatch(n -> n.get() == 1), "each ran exactly once");
        for (Map.Entry<String, List<Long>> e : order.entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            assertEquals(sorted, e.getValue(), "arrival order within " + e.getKey());
        }
        assertEquals(total, ids.size());
    }

    /**
     * A replica restarted under its name takes back what its previous run claimed, at once; what
     * another replica holds stays held until its own lease runs out.
     */
    @Test
    void aRestartedReplicaReclaimsOnlyItsOwnClaims() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            String url = server.newDatabaseUrl();
            MutableClock clock = MutableClock.atDefaultStart();
            LeaseSettings leases = new LeaseSettings(Duration.ofSeconds(8), Duration.ofSeconds(2), null);
            try (Database db = Database.open(StoreConfig.of(url))) {
                Inbox a = new Inbox(db, InboxConfig.DEFAULT, clock, Jitter.none(), new SimpleMeterRegistry(),
                        PlatformModules.known(), new LeaseSettings(leases.lease(), leases.heartbeat(), "a"));
                Inbox b = new Inbox(db, InboxConfig.DEFAULT, clock, Jitter.none(), new SimpleMeterRegistry(),
                        PlatformModules.known(), new LeaseSettings(leases.lease(), leases.heartbeat(), "b"));
                a.accept(Deliveries.command("x", "github:o/r#1"));
                a.accept(Deliveries.command("y", "github:o/r#2"));
                Claim byA = a.claim().orElseThrow();
                Claim byB = b.claim().orElseThrow();
                assertTrue(byA.leaseToken().startsWith("a/") && byB.leaseToken().startsWith("b/"));
                assertTrue(a.claim().isEmpty() && b.claim().isEmpty(), "both held");

                // "a" dies and starts again: its claim is free now, b's is not.
                Inbox again = new Inbox(db, InboxConfig.DEFAULT, clock, Jitter.none(), new SimpleMeterRegistry(),
                        PlatformModules.known(), new LeaseSettings(leases.lease(), leases.heartbeat(), "a"));
                assertEquals(1, again.reclaimOwnAbandoned());
                Claim retaken = again.claim().orElseThrow();
                assertEquals(byA.delivery().key(), retaken.delivery().key());
                assertEquals(2, retaken.delivery().attempt());
                assertTrue(again.claim().isEmpty(), "b's claim is live");
                assertEquals(Disposition.COMPLETED, b.finish(byB, Outcome.done()));
                // Without a name nothing is reclaimed: only the lease frees a dead replica's work.
                assertEquals(0, new Inbox(db, InboxConfig.DEFAULT, clock, Jitter.none(), new SimpleMeterRegistry(),
                        PlatformModules.known(), leases).reclaimOwnAbandoned());
                clock.advance(Duration.ofSeconds(9));
                assertEquals(byA.delivery().key(), b.claim().orElseThrow().delivery().key(),
                        "after the lease anyone may take it");
            }
        }
    }

    @Test
    void acceptFailsLoudlyWhenPostgresIsDown() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        String url = server.newDatabaseUrl();
        try (Database db = Database.open(StoreConfig.of(url).withBusyTimeout(Duration.ofSeconds(2)))) {
            Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, MutableClock.atDefaultStart(), Jitter.none(),
                    new SimpleMeterRegistry(), PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()));
            inbox.accept(Deliveries.command("before", "github:o/r#1"));
            assertTrue(db.isReachable());

            server.close();

            assertThrows(StoreUnavailableException.class,
                    () -> inbox.accept(Deliveries.command("during", "github:o/r#1")));
            assertFalse(db.isReachable());
            assertThrows(StoreUnavailableException.class,
                    () -> inbox.accept(Deliveries.command("during", "github:o/r#1")),
                    "a fresh connection fails the same way");
        }
    }
}
