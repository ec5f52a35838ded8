package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every dialect's inbox must do. Subclasses say where the database lives. */
abstract class InboxContractTest {
    static final RetryPolicy POLICY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 7);
    static final InboxConfig CONFIG = InboxConfig.DEFAULT.withRetry(POLICY).withLease(Duration.ofMinutes(1));

    MutableClock clock;
    SimpleMeterRegistry registry;
    Database db;
    Inbox inbox;

    /** A JDBC URL of an empty database of the dialect under test. */
    abstract String newDatabaseUrl();

    @BeforeEach
    void open() {
        clock = MutableClock.atDefaultStart();
        registry = new SimpleMeterRegistry();
        db = Database.open(StoreConfig.of(newDatabaseUrl()));
        inbox = new Inbox(db, CONFIG, clock, Jitter.ceiling(), registry, PlatformModules.known(), LeaseSettings.of(CONFIG.lease()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    Claim claimOne() {
        return inbox.claim().orElseThrow(() -> new AssertionError("nothing claimable"));
    }

    double count(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static List<String> keys(List<DeliveryRecord> records) {
        return records.stream().map(DeliveryRecord::key).collect(Collectors.toList());
    }

    @Test
    void acceptStoresOnceAndAnswersDuplicateAfterwards() {
        NewDelivery d = Deliveries.review("k1", "github:o/r#1", "aaa");
        assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(d));
        assertEquals(new AcceptResult.Duplicate("k1"), inbox.accept(d));
        assertEquals(1, inbox.depth());

        Delivery claimed = claimOne().delivery();
        assertEquals("k1", claimed.key());
        assertArrayEquals(d.payload(), claimed.payload());
        assertEquals("github:o/r#1", claimed.subject());
        assertEquals("aaa", claimed.headSha());
        assertEquals("synchronize", claimed.action());
        assertEquals(DeliveryKind.REVIEW, claimed.kind());
        assertEquals(Deliveries.RECEIVED, claimed.receivedAt());
        assertEquals(1, claimed.attempt());
        assertTrue(inbox.claim().isEmpty());

        assertEquals(1, count("evalbot.deliveries.accepted"));
        assertEquals(1, count("evalbot.deliveries.duplicate"));
        assertEquals(1, registry.get("evalbot.inbox.depth").gauge().value());
    }

    @Test
    void aCompletedDeliveryIsStillADuplicate() {
        inbox.accept(Deliveries.command("k1", "github:o/r#1"));
        inbox.finish(claimOne(), Outcome.done());
        assertInstanceOf(AcceptResult.Duplicate.class, inbox.accept(Deliveries.command("k1", "github:o/r#1")));
        assertEquals(0, inbox.depth());
        assertEquals(1, count("evalbot.deliveries.completed"));
    }

    @Test
    void hubBodiesAreDedupedWithinTheWindowOnly() {
        NewDelivery d = Deliveries.hub("{\"event\":{\"scope\":\"discussion\"}}", "hub:o/m#3");
        assertEquals(64, d.key().length());
        assertEquals(NewDelivery.hubKey(d.payload()), d.key());
        assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(d));
        inbox.finish(claimOne(), Outcome.done());

        clock.advance(Duration.ofHours(23));
        assertInstanceOf(AcceptResult.Duplicate.class, inbox.accept(d));

        // Received a day and more ago: the same body now is a new event (the Hub sends no id).
        clock.set(Deliveries.RECEIVED.plus(Duration.ofHours(24)).plusSeconds(1));
        assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(d));
        assertEquals(d.key(), claimOne().delivery().key());
    }

    @Test
    void oneSubjectRunsInOrderAndOneAtATime() {
        inbox.accept(Deliveries.command("a1", "github:o/r#1"));
        inbox.accept(Deliveries.command("a2", "github:o/r#1"));
        inbox.accept(Deliveries.command("b1", "github:o/r#2"));

        assertEquals("a1", claimOne().delivery().key());
        Claim b1 = claimOne();
        assertEquals("b1", b1.delivery().key());
        assertTrue(inbox.claim().isEmpty(), "a2 waits for a1");

        inbox.finish(b1, Outcome.done());
        assertTrue(inbox.claim().isEmpty(), "still waiting for a1");
        clock.advance(CONFIG.lease());
        Claim a1Again = claimOne();
        assertEquals("a1", a1Again.delivery().key(), "a1's lease expired: a1 again, never a2");
        assertEquals(Disposition.COMPLETED, inbox.finish(a1Again, Outcome.done()));
        assertEquals("a2", claimOne().delivery().key());
    }

    @Test
    void aRetryKeepsItsSubjectWaitingUntilItIsDue() {
        inbox.accept(Deliveries.command("a1", "github:o/r#1"));
        inbox.accept(Deliveries.command("a2", "github:o/r#1"));
        assertEquals(Disposition.RETRY_SCHEDULED, inbox.finish(claimOne(), Outcome.retry("boom")));

        assertTrue(inbox.claim().isEmpty(), "a1 is backing off and a2 must not overtake it");
        assertEquals(Optional.of(clock.instant().plusSeconds(1)), inbox.nextDueAfter(clock.instant()));

        clock.advance(Duration.ofSeconds(1));
        Claim again = claimOne();
        assertEquals("a1", again.delivery().key());
        assertEquals(2, again.delivery().attempt());
    }

    @Test
    void aNewerHeadSupersedesQueuedReviewsOfOlderHeadsOnly() {
        String pr = "github:o/r#7";
        inbox.accept(Deliveries.review("r1", pr, "sha1"));
        Claim running = claimOne();
        inbox.accept(Deliveries.review("r2", pr, "sha2"));
        inbox.accept(Deliveries.command("c1", pr));
        inbox.accept(Deliveries.review("r3", pr, "sha3"));
        inbox.accept(Deliveries.review("other", "github:o/r#8", "sha1"));

        AcceptResult newest = inbox.accept(Deliveries.review("r4", pr, "sha4"));
        assertEquals(1, ((AcceptResult.Accepted) newest).superseded(), "r3 (r2 went when r3 came)");
        assertEquals(2, count("evalbot.deliveries.superseded"), "r2 and r3; r1 runs, c1 is a command");

        List<String> order = new ArrayList<>();
        order.add(claimOne().delivery().key()); // the other subject
        inbox.finish(running, Outcome.done());
        for (Optional<Claim> c = inbox.claim(); c.isPresent(); c = inbox.claim()) {
            order.add(c.get().delivery().key());
            inbox.finish(c.get(), Outcome.done());
        }
        assertEquals(List.of("other", "c1", "r4"), order);
        List<String> superseded = keys(inbox.admin().recent(10).stream()
                .filter(r -> r.state() == DeliveryState.SUPERSEDED).collect(Collectors.toList()));
        assertEquals(List.of("r3", "r2"), superseded);
    }

    @Test
    void theSameHeadAgainWhileQueuedIsCoalescedAndNeverClaimed() {
        inbox.accept(Deliveries.review("r1", "github:o/r#7", "sha1"));
        AcceptResult again = inbox.accept(Deliveries.review("r2", "github:o/r#7", "sha1"));
        assertEquals("r1", assertInstanceOf(AcceptResult.Coalesced.class, again).into());
        assertEquals(1, inbox.depth());
        assertEquals(1, count("evalbot.deliveries.coalesced"));
        assertEquals(new AcceptResult.Duplicate("r2"), inbox.accept(Deliveries.review("r2", "github:o/r#7", "sha1")),
                "a coalesced delivery's key counts as seen");
        Claim c = claimOne();
        assertEquals("r1", c.delivery().key());
        inbox.finish(c, Outcome.done());
        assertTrue(inbox.claim().isEmpty(), "the coalesced delivery is never claimed");
    }

    @Test
    void theSameHeadIsNotCoalescedIntoRunningTriedOrEarlierWorkOrWhenTheBaseChanged() {
        String pr = "github:o/r#7";
        inbox.accept(Deliveries.review("r1", pr, "sha1"));
        Claim running = claimOne();
        assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(Deliveries.review("r2", pr, "sha1")),
                "r1 is running: it may have read the pull request before r2 was sent");
        inbox.finish(running, Outcome.done());

        Claim r2 = claimOne();
        inbox.finish(r2, Outcome.retry("HTTP 502"));
        assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(Deliveries.review("r3", pr, "sha1")),
                "r2 waits for a retry: r3 may run sooner");

        String other = "github:o/r#8";
        inbox.accept(Deliveries.review("s1", other, "sha1"));
        inbox.accept(Deliveries.command("c1", other));
        assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(Deliveries.review("s2", other, "sha1")),
                "a command queued in between must see a review after it");

        String third = "github:o/r#9";
        inbox.accept(Deliveries.review("t1", third, "sha1"));
        NewDelivery t1 = Deliveries.review("t2", third, "sha1");
        PullRequestRef ninth = new PullRequestRef(PlatformId.GITHUB, "o/r", "code", 9, "sha1", null, null, null, Set.of(),
                null);
        NewDelivery edited = new NewDelivery(t1.platform(), t1.key(), t1.event(), "edited", t1.subject(),
                t1.headSha(), t1.kind(), t1.payload(), t1.receivedAt(),
                new PullRequestEvent.ReviewRequested(ninth, PullRequestEvent.Trigger.BASE_CHANGED));
        assertInstanceOf(AcceptResult.Accepted.class, inbox.accept(edited), "an edited base is news to the queued review");
        assertEquals(0, count("evalbot.deliveries.coalesced"));
    }

    @Test
    void backoffDoublesUpToTheCapAndHonoursRetryAfter() {
        inbox.accept(Deliveries.command("k", "github:o/r#1"));
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            Claim c = claimOne();
            assertEquals(attempt, c.delivery().attempt());
            Instant before = clock.instant();
            inbox.finish(c, Outcome.retry("HTTP 502"));
            Instant due = inbox.nextDueAfter(before).orElseThrow();
            delays.add(Duration.between(before, due));
            clock.set(due);
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(8)), delays);

        // A Retry-After beyond the backoff wins.
        Claim c = claimOne();
        Instant now = clock.instant();
        inbox.finish(c, Outcome.retryAfter(Duration.ofMinutes(3), "secondary rate limit"));
        assertEquals(Optional.of(now.plus(Duration.ofMinutes(3))), inbox.nextDueAfter(now));
        assertEquals("secondary rate limit", inbox.admin().recent(1).get(0).lastError());
    }

    @Test
    void aRateLimitResetInstantIsHonoured() {
        inbox.accept(Deliveries.command("k", "github:o/r#1"));
        Instant reset = clock.instant().plus(Duration.ofMinutes(42));
        inbox.finish(claimOne(), new Outcome.Retry(null, reset, "X-RateLimit-Remaining: 0"));
        assertEquals(Optional.of(reset), inbox.nextDueAfter(clock.instant()));
        clock.set(reset.minusMillis(1));
        assertTrue(inbox.claim().isEmpty());
        clock.set(reset);
        assertTrue(inbox.claim().isPresent());
    }

    @Test
    void aWaitForThePlatformsBudgetIsDueAtItsEndAndUsesUpNoAttempt() {
        inbox.accept(Deliveries.review("k", "github:o/r#1", "aaa"));
        // More waits than the policy has attempts: none of them dead-letters the delivery.
        for (int i = 0; i < POLICY.maxAttempts() + 3; i++) {
            Claim c = claimOne();
            assertEquals(1, c.delivery().attempt(), "a wait is not an attempt");
            Instant until = clock.instant().plus(Duration.ofMinutes(7));
            inbox.finish(c, new Outcome.Wait(until, "queued: GitHub's rate limit, about 7 min"));
            assertEquals(Optional.of(until), inbox.nextDueAfter(clock.instant()), "due at its end, no backoff");
            clock.set(until.minusMillis(1));
            assertTrue(inbox.claim().isEmpty());
            clock.set(until);
        }
        assertEquals("queued: GitHub's rate limit, about 7 min", inbox.admin().recent(1).get(0).lastError());
        assertEquals(Disposition.COMPLETED, inbox.finish(claimOne(), Outcome.done()));
    }

    @Test
    void seededJitterGivesTheSameScheduleWithinTheCeilings() {
        List<Duration> first = jitteredSchedule(7, "j1");
        assertEquals(first, jitteredSchedule(7, "j2"));
        for (int i = 0; i < first.size(); i++) {
            Duration d = first.get(i);
            assertTrue(!d.isNegative() && d.compareTo(POLICY.ceiling(i + 1)) <= 0, d + " within ceiling " + i);
        }
        assertNotEquals(first, jitteredSchedule(8, "j3"));
    }

    private List<Duration> jitteredSchedule(long seed, String key) {
        Inbox jittered = new Inbox(db, CONFIG, clock, Jitter.seeded(seed), new SimpleMeterRegistry(),
                PlatformModules.known(), LeaseSettings.of(CONFIG.lease()));
        jittered.accept(Deliveries.command(key, "github:o/jitter#" + key));
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Claim c = jittered.claim().orElseThrow();
            Instant before = clock.instant();
            jittered.finish(c, Outcome.retry("x"));
            Duration delay = jittered.nextDueAfter(before).map(due -> Duration.between(before, due))
                    .orElse(Duration.ZERO);
            delays.add(delay);
            clock.advance(delay);
        }
        jittered.finish(jittered.claim().orElseThrow(), Outcome.done());
        return delays;
    }

    @Test
    void theLastFailedAttemptDeadLettersWithItsError() {
        inbox.accept(Deliveries.command("k", "github:o/r#1"));
        inbox.accept(Deliveries.command("next", "github:o/r#1"));
        Disposition last = null;
        for (int attempt = 1; attempt <= POLICY.maxAttempts(); attempt++) {
            last = inbox.finish(claimOne(), Outcome.retry("HTTP 502 on attempt " + attempt));
            clock.advance(POLICY.cap());
        }
        assertEquals(Disposition.DEAD_LETTERED, last);
        List<DeliveryRecord> dead = inbox.admin().deadLetters(10);
        assertEquals(1, dead.size());
        assertEquals("k", dead.get(0).key());
        assertEquals(POLICY.maxAttempts(), dead.get(0).attempts());
        assertEquals("gave up after 7 attempts: HTTP 502 on attempt 7", dead.get(0).lastError());
        assertEquals(1, count("evalbot.deliveries.dead_lettered"));
        assertEquals(POLICY.maxAttempts() - 1, count("evalbot.deliveries.retried"));
        assertEquals("next", claimOne().delivery().key(), "a dead delivery no longer holds up its subject");
    }

    @Test
    void aPermanentFailureDeadLettersAtOnce() {
        inbox.accept(Deliveries.command("k", "github:o/r#1"));
        assertEquals(Disposition.DEAD_LETTERED, inbox.finish(claimOne(), Outcome.fail("repository not found")));
        assertEquals("repository not found", inbox.admin().deadLetters(10).get(0).lastError());
    }

    @Test
    void replayMakesADeadDeliveryPendingWithFreshAttempts() {
        DeliveryAdmin admin = inbox.admin();
        inbox.accept(Deliveries.command("k", "github:o/r#1"));
        inbox.finish(claimOne(), Outcome.fail("bad"));

        assertEquals(ReplayResult.REPLAYED, admin.replay("k"));
        assertTrue(admin.deadLetters(10).isEmpty());
        Claim again = claimOne();
        assertEquals(1, again.delivery().attempt());
        assertEquals(ReplayResult.RUNNING, admin.replay("k"), "a worker holds it");
        assertEquals(ReplayResult.NOT_FOUND, admin.replay("nope"));
        assertEquals(Disposition.COMPLETED, inbox.finish(again, Outcome.done()));
    }

    @Test
    void anExpiredLeaseIsClaimableAgainAndTheOldClaimCannotFinish() {
        inbox.accept(Deliveries.command("k", "github:o/r#1"));
        Claim first = claimOne();
        clock.advance(CONFIG.lease().minusMillis(1));
        assertTrue(inbox.claim().isEmpty());
        assertTrue(inbox.renew(first));
        clock.advance(CONFIG.lease());
        Claim second = claimOne();
        assertEquals(2, second.delivery().attempt());
        assertFalse(inbox.renew(first));
        assertEquals(Disposition.LEASE_LOST, inbox.finish(first, Outcome.done()));
        assertEquals(Disposition.COMPLETED, inbox.finish(second, Outcome.done()));
    }

    @Test
    void aDeliveryThatKeepsKillingItsWorkerIsDeadLettered() {
        inbox.accept(Deliveries.command("poison", "github:o/r#1"));
        for (int i = 0; i < POLICY.maxAttempts(); i++) {
            claimOne();
            clock.advance(CONFIG.lease());
        }
        assertTrue(inbox.claim().isEmpty());
        List<DeliveryRecord> dead = inbox.admin().deadLetters(10);
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).lastError().startsWith("abandoned"), dead.get(0).lastError());
    }

    @Test
    void pruneDropsOnlyOldCompletedDeliveries() {
        inbox.accept(Deliveries.command("done", "github:o/r#1"));
        inbox.accept(Deliveries.command("dead", "github:o/r#2"));
        inbox.finish(claimOne(), Outcome.done());
        inbox.finish(claimOne(), Outcome.fail("x"));
        inbox.accept(Deliveries.command("pending", "github:o/r#3"));
        clock.advance(CONFIG.retention().plusSeconds(1));
        assertEquals(1, inbox.prune());
        assertEquals(List.of("pending", "dead"), keys(inbox.admin().recent(10)));
    }

    @Test
    void finishAndClaimRecordsTheOutcomeAndTakesTheNextInOneCommit() {
        inbox.accept(Deliveries.command("a1", "github:o/r#1"));
        inbox.accept(Deliveries.command("a2", "github:o/r#1"));
        inbox.accept(Deliveries.command("b1", "github:o/r#2"));
        Claim a1 = claimOne();

        Inbox.Finished first = inbox.finishAndClaim(a1, Outcome.done());
        assertEquals(Disposition.COMPLETED, first.disposition());
        Claim a2 = first.next().orElseThrow();
        assertEquals("a2", a2.delivery().key(), "a1 is done, so its subject's next is first in line");

        Inbox.Finished second = inbox.finishAndClaim(a2, Outcome.retry("HTTP 502"));
        assertEquals(Disposition.RETRY_SCHEDULED, second.disposition());
        Claim b1 = second.next().orElseThrow();
        assertEquals("b1", b1.delivery().key(), "a2 backs off");

        Inbox.Finished third = inbox.finishAndClaim(b1, Outcome.fail("bad"));
        assertEquals(Disposition.DEAD_LETTERED, third.disposition());
        assertTrue(third.next().isEmpty());
        assertEquals(Disposition.LEASE_LOST, inbox.finishAndClaim(a1, Outcome.done()).disposition(),
                "an old claim records nothing");

        assertEquals(1, count("evalbot.deliveries.completed"));
        assertEquals(1, count("evalbot.deliveries.retried"));
        assertEquals(1, count("evalbot.deliveries.dead_lettered"));
        clock.advance(Duration.ofSeconds(1));
        Claim again = claimOne();
        assertEquals("a2", again.delivery().key());
        assertEquals(2, again.delivery().attempt());
    }

    @Test
    void aKeyTwiceInOneBatchIsStoredOnce() {
        List<AcceptResult> results = inbox.acceptAll(List.of(Deliveries.command("k1", "github:o/r#1"),
                Deliveries.command("k2", "github:o/r#2"), Deliveries.command("k1", "github:o/r#1")));
        assertInstanceOf(AcceptResult.Accepted.class, results.get(0));
        assertInstanceOf(AcceptResult.Accepted.class, results.get(1));
        assertEquals(new AcceptResult.Duplicate("k1"), results.get(2));
        assertEquals(2, inbox.depth());
        assertEquals(2, count("evalbot.deliveries.accepted"));
        assertEquals(1, count("evalbot.deliveries.duplicate"));
        assertEquals(new AcceptResult.Duplicate("k2"), inbox.accept(Deliveries.command("k2", "github:o/r#2")),
                "a later batch sees the committed key");
    }

    @Test
    void aBatchSupersedesAsIfItsDeliveriesCameOneAfterAnother() {
        String pr = "github:o/r#7";
        List<AcceptResult> results = inbox.acceptAll(List.of(Deliveries.review("r1", pr, "sha1"),
                Deliveries.command("c1", pr), Deliveries.review("r2", pr, "sha2"), Deliveries.review("r3", pr, "sha2")));
        assertEquals(0, ((AcceptResult.Accepted) results.get(0)).superseded());
        assertEquals(1, ((AcceptResult.Accepted) results.get(2)).superseded(), "r1, queued in the same batch");
        assertEquals(new AcceptResult.Coalesced(((AcceptResult.Coalesced) results.get(3)).id(), "r2"), results.get(3),
                "the same head, queued in the same batch: coalesced");
        List<String> order = new ArrayList<>();
        for (Optional<Claim> c = inbox.claim(); c.isPresent(); c = inbox.claim()) {
            order.add(c.get().delivery().key());
            inbox.finish(c.get(), Outcome.done());
        }
        assertEquals(List.of("c1", "r2"), order);
        long[] ids = results.stream().filter(r -> r instanceof AcceptResult.Accepted)
                .mapToLong(r -> ((AcceptResult.Accepted) r).id()).toArray();
        for (int i = 1; i < ids.length; i++) {
            assertTrue(ids[i - 1] < ids[i], "ids follow the batch's order");
        }
    }

    @Test
    void concurrentAcceptsFromManyThreadsStoreEveryKeyExactlyOnce() throws Exception {
        int threads = 8;
        int keys = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, AcceptResult>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    // Every thread sends every key, each in its own order.
                    List<Integer> order = IntStream.range(0, keys).boxed().collect(Collectors.toList());
                    Collections.shuffle(order, new Random(seed));
                    Map<String, AcceptResult> seen = new HashMap<>();
                    start.await();
                    for (int k : order) {
                        String key = "c-" + k;
                        seen.put(key, inbox.accept(Deliveries.command(key, "github:o/r#" + k % 13)));
                    }
                    return seen;
                }));
            }
            start.countDown();
            Map<String, Integer> acceptedPerKey = new HashMap<>();
            Set<Long> ids = new HashSet<>();
            for (Future<Map<String, AcceptResult>> f : futures) {
                for (Map.Entry<String, AcceptResult> e : f.get(120, TimeUnit.SECONDS).entrySet()) {
                    if (e.getValue() instanceof AcceptResult.Accepted a) {
                        acceptedPerKey.merge(e.getKey(), 1, Integer::sum);
                        assertTrue(ids.add(a.id()), "ids are unique");
                    } else {
                        assertEquals(new AcceptResult.Duplicate(e.getKey()), e.getValue());
                    }
                }
            }
            assertEquals(keys, acceptedPerKey.size(), "every key accepted");
            assertTrue(acceptedPerKey.values().stream().allMatch(n -> n == 1), "and by one caller only");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(keys, inbox.depth());
        assertEquals(keys, inbox.admin().recent(10_000).size());
        assertEquals(keys, count("evalbot.deliveries.accepted"));
        assertEquals((threads - 1) * keys, count("evalbot.deliveries.duplicate"));
    }

    @Test
    void theDatabaseIsReachable() {
        assertTrue(db.isReachable());
    }
}
