package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.InboxConfig;
import dev.evalbot.app.inbox.Jitter;
import dev.evalbot.app.inbox.LeaseSettings;
import dev.evalbot.app.reconcile.ReconcileSettings;
import dev.evalbot.app.reconcile.Reconciler;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.app.store.SweepLease;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two replicas sharing one PostgreSQL store: sweeps do not multiply the work. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileReplicasTest {
    static final String REPO = "org/shared";
    EmbeddedPostgresServer server;

    @BeforeAll
    void startServer() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-06T01:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oneReplicaSweepsPerIntervalAfterBothSweptAtStart() {
        String url = server.newDatabaseUrl();
        MovingClock clock = new MovingClock();
        try (Database a = Database.open(StoreConfig.of(url)); Database b = Database.open(StoreConfig.of(url))) {
            SweepLease first = new SweepLease(a, Duration.ofMinutes(10), clock);
            SweepLease second = new SweepLease(b, Duration.ofMinutes(10), clock);
            assertTrue(first.take(), "at start");
            assertTrue(second.take(), "at start, even while the other holds the lease");
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            assertTrue(first.take());
            assertFalse(second.take(), "the other replica swept this interval");
            clock.now = clock.now.plus(Duration.ofMinutes(10)).plusSeconds(1);
            assertTrue(second.take());
            assertFalse(first.take());
        }
    }

    @Test
    void twoReplicasSweepingAtOnceQueueEachHeadOnce() throws Exception {
        String url = server.newDatabaseUrl();
        try (FakeGitHub github = new FakeGitHub(REPO, 1);
             Database a = Database.open(StoreConfig.of(url)); Database b = Database.open(StoreConfig.of(url))) {
            FakeGitHubListings listings = new FakeGitHubListings(github);
            listings.install(REPO);
            for (int n = 1; n <= 30; n++) {
                listings.open(REPO, n, GitHubSweepTest.sha(n, 0));
            }
            ReconcileSettings settings = ReconcileSettings.fromEnvironment(Map.of());
            Reconciler one = replica(github, a, settings);
            Reconciler two = replica(github, b, settings);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Reconciler.Sweep> x = CompletableFuture.supplyAsync(() -> await(go, one));
            CompletableFuture<Reconciler.Sweep> y = CompletableFuture.supplyAsync(() -> await(go, two));
            go.countDown();
            Reconciler.Sweep sx = x.get();
            Reconciler.Sweep sy = y.get();
            assertEquals(30, sx.queued() + sy.queued(), sx + " " + sy);
            assertEquals(30, new Inbox(a, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(), new SimpleMeterRegistry(),
                    PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease())).depth(), "one delivery per head");
        }
    }

    private static Reconciler.Sweep await(CountDownLatch go, Reconciler r) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return r.sweep();
    }

    private static Reconciler replica(FakeGitHub github, Database db, ReconcileSettings settings) throws Exception {
        GitHubSettings gh = new GitHubSettings("s", null, "1234", GitHubSweepTest.pem(), github.url(), "evalbot[bot]",
                null, BudgetSettings.DEFAULT);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        GitHubPlatform platform = new GitHubPlatform(gh, new GitHubAuth(gh, http, Clock.systemUTC()), http,
                new SimpleMeterRegistry(), Clock.systemUTC());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return Reconciler.of(List.of(GitHubPullSource.of(platform, settings, db, Clock.systemUTC())),
                new Inbox(db, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(), meters, PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease())), db, settings, meters,
                        Clock.systemUTC());
    }
}
