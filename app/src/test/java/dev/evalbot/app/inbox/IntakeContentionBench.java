package dev.evalbot.app.inbox;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ReviewRow;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store under the server's write pattern, without HTTP: 64 threads accept 25 KiB deliveries
 * while 4 workers claim, write a review twice and finish (with the next claim). {@code mvn -o test
 * -pl app -am -Dtest=IntakeContentionBench -Devalbot.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Not a test: it asserts nothing.
 */
@EnabledIfSystemProperty(named = "evalbot.bench", matches = "true")
class IntakeContentionBench {
    static final int ACCEPTORS = 64;
    static final int WORKERS = 4;
    static final long SECONDS = 8;

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        for (int round = 1; round <= 3; round++) {
            run("round " + round, "jdbc:sqlite:" + dir.resolve("contention" + round + ".db"));
        }
    }

    private static void run(String label, String url) throws Exception {
        byte[] payload = new byte[25 * 1024];
        new Random(1).nextBytes(payload);
        try (Database db = Database.open(StoreConfig.of(url))) {
            Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(), new SimpleMeterRegistry(), PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()));
            ReviewStore reviews = new ReviewStore(db, Clock.systemUTC());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger handled = new AtomicInteger();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            CountDownLatch ended = new CountDownLatch(ACCEPTORS + WORKERS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < ACCEPTORS; t++) {
                threads.add(new Thread(() -> {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        long t0 = System.nanoTime();
                        inbox.accept(new NewDelivery(PlatformId.GITHUB, "k" + i, "pull_request", "opened",
                                "github:o/r#" + i % 200, String.format("%040x", i % 200), DeliveryKind.REVIEW, payload,
                                Instant.now(), null));
                        latencies.add(System.nanoTime() - t0);
                    }
                    ended.countDown();
                }));
            }
            for (int t = 0; t < WORKERS; t++) {
                threads.add(new Thread(() -> {
                    Optional<Claim> claim = Optional.empty();
                    while (!stop.get()) {
                        claim = claim.isPresent() ? claim : inbox.claim();
                        if (claim.isEmpty()) {
                            Thread.onSpinWait();
                            continue;
                        }
                        PullRef pull = new PullRef(PlatformId.GITHUB, "o/r", (int) (claim.get().delivery().id() % 200));
                        reviews.put(pull, new ReviewRow("sha", "VALID", "x".repeat(4000), "{}", "1", "h1", List.of("eval/valid")));
                        reviews.put(pull, new ReviewRow("sha", "VALID", "x".repeat(4000), "{}", "1", "h2", List.of("eval/valid")));
                        claim = inbox.finishAndClaim(claim.get(), Outcome.done()).next();
                        handled.incrementAndGet();
                    }
                    ended.countDown();
                }));
            }
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS)); // the measured period, not synchronisation
            stop.set(true);
            ended.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("BENCH %s: %.0f accepts/s, accept p50 %.1f ms p99 %.1f ms max %.1f ms; workers %.0f"
                    + " deliveries/s%n", label, sorted.length / seconds, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6, handled.get() / seconds);
        }
    }
}
