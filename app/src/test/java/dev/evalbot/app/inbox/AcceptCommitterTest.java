package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit on its own, with a fake transaction: which callers share a batch, and what each
 * is told. Synchronised with latches only: the first batch is held inside its "transaction" while the
 * next callers queue, so the batches formed are known exactly.
 */
class AcceptCommitterTest {
    static final Duration LONG = Duration.ofMinutes(1);

    final ExecutorService callers = Executors.newCachedThreadPool();
    final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch firstBatchEntered = new CountDownLatch(1);
    final CountDownLatch releaseFirstBatch = new CountDownLatch(1);

    @AfterEach
    void stop() {
        releaseFirstBatch.countDown();
        callers.shutdownNow();
    }

    /** A "transaction" that records each batch, holds the first one until released, then echoes keys. */
    Function<List<NewDelivery>, List<AcceptResult>> recording(Function<List<NewDelivery>, List<AcceptResult>> then) {
        return batch -> {
            batches.add(batch.stream().map(NewDelivery::key).collect(Collectors.toList()));
            if (batches.size() == 1) {
                firstBatchEntered.countDown();
                await(releaseFirstBatch);
            }
            return then.apply(batch);
        };
    }

    static List<AcceptResult> echo(List<NewDelivery> batch) {
        return batch.stream().map(d -> (AcceptResult) new AcceptResult.Duplicate(d.key())).collect(Collectors.toList());
    }

    static NewDelivery delivery(String key, int bytes) {
        return new NewDelivery(PlatformId.GITHUB, key, "issue_comment", "created", "github:o/r#1", null,
                DeliveryKind.COMMAND, new byte[bytes], Deliveries.RECEIVED, null);
    }

    Future<AcceptResult> submit(AcceptCommitter committer, String key) {
        return submit(committer, delivery(key, 10));
    }

    Future<AcceptResult> submit(AcceptCommitter committer, NewDelivery d) {
        return callers.submit(() -> committer.accept(d));
    }

    /** Holds the committer inside a first batch of one ("first"), then queues {@code keys} behind it. */
    List<Future<AcceptResult>> queueBehindAHeldBatch(AcceptCommitter committer, CountDownLatch queued,
            List<NewDelivery> deliveries) throws Exception {
        Future<AcceptResult> first = submit(committer, "first");
        assertTrue(firstBatchEntered.await(30, TimeUnit.SECONDS));
        List<Future<AcceptResult>> futures = new ArrayList<>();
        futures.add(first);
        for (NewDelivery d : deliveries) {
            futures.add(submit(committer, d));
        }
        assertTrue(queued.await(30, TimeUnit.SECONDS), "every caller queued");
        return futures;
    }

    @Test
    void callersWhoQueueDuringACommitShareTheNextTransactionAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch queued = new CountDownLatch(1 + 20);
        AcceptCommitter committer = new AcceptCommitter(recording(AcceptCommitterTest::echo), LONG, 100,
                Long.MAX_VALUE, queued::countDown);
        List<NewDelivery> rest = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rest.add(delivery("k" + i, 10));
        }
        List<Future<AcceptResult>> futures = queueBehindAHeldBatch(committer, queued, rest);
        releaseFirstBatch.countDown();

        assertEquals(new AcceptResult.Duplicate("first"), futures.get(0).get(30, TimeUnit.SECONDS));
        for (int i = 0; i < 20; i++) {
            assertEquals(new AcceptResult.Duplicate("k" + i), futures.get(i + 1).get(30, TimeUnit.SECONDS));
        }
        assertEquals(2, batches.size(), "one transaction for the first, one for the twenty queued behind it");
        assertEquals(List.of("first"), batches.get(0));
        assertEquals(rest.stream().map(NewDelivery::key).collect(Collectors.toSet()), new HashSet<>(batches.get(1)));
    }

    @Test
    void whenTheTransactionFailsEveryCallerInItGetsTheFailureAndNoneAResult() throws Exception {
        CountDownLatch queued = new CountDownLatch(1 + 5);
        AcceptCommitter committer = new AcceptCommitter(recording(batch -> {
            if (batches.size() == 2) {
                throw new StoreUnavailableException("accept 5 deliveries: [SQLITE_IOERR] disk I/O error", null);
            }
            return echo(batch);
        }), LONG, 100, Long.MAX_VALUE, queued::countDown);
        List<NewDelivery> rest = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rest.add(delivery("k" + i, 10));
        }
        List<Future<AcceptResult>> futures = queueBehindAHeldBatch(committer, queued, rest);
        releaseFirstBatch.countDown();

        assertEquals(new AcceptResult.Duplicate("first"), futures.get(0).get(30, TimeUnit.SECONDS));
        for (Future<AcceptResult> f : futures.subList(1, futures.size())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
            StoreUnavailableException unavailable = assertInstanceOf(StoreUnavailableException.class, e.getCause());
            assertTrue(unavailable.getMessage().contains("SQLITE_IOERR"), unavailable.getMessage());
        }
        assertEquals(2, batches.size());
        assertEquals(5, batches.get(1).size(), "all five were in the failed transaction");

        // The committer goes on: the next accept gets its own transaction.
        assertEquals(new AcceptResult.Duplicate("after"), committer.accept(delivery("after", 10)));
        assertEquals(List.of("after"), batches.get(2));
    }

    @Test
    void batchesAreCappedByCountAndByBytes() throws Exception {
        Semaphore queued = new Semaphore(0);
        AcceptCommitter committer = new AcceptCommitter(recording(AcceptCommitterTest::echo), LONG, 3, 1000,
                queued::release);
        Future<AcceptResult> first = submit(committer, "first");
        assertTrue(firstBatchEntered.await(30, TimeUnit.SECONDS));
        assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS));
        List<Future<AcceptResult>> futures = new ArrayList<>(List.of(first));
        // Queued one at a time, so that the queue order is known. The cap is 3 deliveries or 1000 bytes.
        String[] keys = {"a", "b", "c", "d", "big", "e", "f"};
        for (String key : keys) {
            futures.add(submit(committer, delivery(key, key.equals("big") ? 5000 : key.equals("d") ? 600 : 100)));
            assertTrue(queued.tryAcquire(30, TimeUnit.SECONDS), key + " queued");
        }
        releaseFirstBatch.countDown();
        for (Future<AcceptResult> f : futures) {
            assertInstanceOf(AcceptResult.Duplicate.class, f.get(30, TimeUnit.SECONDS));
        }
        // a b c: the count cap; d (600) and big (5000) would pass 1000 bytes; big alone, over the cap by itself.
        assertEquals(List.of(List.of("first"), List.of("a", "b", "c"), List.of("d"), List.of("big"),
                List.of("e", "f")), batches);
    }

    @Test
    void aCallerThatTimesOutIsAnswered503AndLeftOutOfTheNextTransaction() throws Exception {
        AcceptCommitter committer = new AcceptCommitter(recording(AcceptCommitterTest::echo), Duration.ofMillis(200),
                100, Long.MAX_VALUE, () -> { });
        Future<AcceptResult> first = submit(committer, "first");
        assertTrue(firstBatchEntered.await(30, TimeUnit.SECONDS));

        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> committer.accept(delivery("late", 10)));
        assertTrue(e.getMessage().contains("not committed within"), e.getMessage());

        releaseFirstBatch.countDown();
        // "first" itself also waited past 200 ms in its held transaction; whatever it was told, "late"
        // never reaches a transaction.
        try {
            first.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException ignored) {
            // timed out too: answered 503, stored anyway; a redelivery is a duplicate
        }
        assertEquals(new AcceptResult.Duplicate("next"), committer.accept(delivery("next", 10)));
        Set<String> committed = new HashSet<>();
        batches.forEach(committed::addAll);
        assertEquals(Set.of("first", "next"), committed);
        assertNull(batches.stream().filter(b -> b.contains("late")).findAny().orElse(null));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
