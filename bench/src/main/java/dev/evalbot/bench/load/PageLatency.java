package dev.evalbot.bench.load;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.board.BoardRoutes;
import dev.evalbot.app.board.BoardService;
import dev.evalbot.app.board.BoardSettings;
import dev.evalbot.app.board.WithdrawalTrail;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * How fast a leaderboard page is served from the rendered cache: a board of 2,000 models on one
 * task, fetched by 8 concurrent clients for 10 s over loopback.
 * <pre>java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.PageLatency</pre>
 */
public final class PageLatency {
    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("evalbot-pages");
        try (Database db = Database.open(StoreConfig.of("jdbc:sqlite:" + dir.resolve("p.db")))) {
            ResultStore results = new ResultStore(db, Clock.systemUTC());
            for (int i = 0; i < models; i++) {
                results.replaceAll(new PullRef(PlatformId.GITHUB, "org/model-" + i, 0), "sha", PrState.MERGED,
                        List.of(new ReviewedEntry(".eval_results/r.yaml", 1, 1, "cais/hle", "hle", (i * 7919) % 1000 / 10.0,
                                "2026-03-01", "run " + i, "https://example.org/" + i, "card", Tier.AUTHOR, null, null,
                                false)));
            }
            BoardService boards = new BoardService(PlatformModules.known(),
                    results, new RefreshStore(db, Duration.ofMinutes(1)),
                    TaskCatalog.HIGHER_IS_BETTER, Map.of(), Duration.ofSeconds(30), Clock.systemUTC(), List.of(),
                    BoardSettings.DEFAULT, WithdrawalTrail.NONE, BoardService.DEFAULT_CACHE_REPORTS).start();
            BoardRoutes routes = new BoardRoutes(boards);
            Javalin server = Javalin.create(c -> c.showJavalinBanner = false)
                    .get("/leaderboards/{owner}/{name}", routes.page()).start("127.0.0.1", 0);
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/leaderboards/cais/hle");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int bytes = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body().length();
            for (int i = 0; i < 500; i++) { // warm-up
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            }
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int clients = 8;
            CountDownLatch done = new CountDownLatch(clients);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                            latencies.add(System.nanoTime() - t0);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        done.countDown();
                    }
                });
                threads.add(t);
                t.start();
            }
            done.await();
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("| page of %d models (%d KB) | %d requests in 10 s (%.0f/s), p50 %.2f ms, p99 %.2f ms, max %.2f ms |%n",
                    models, bytes / 1024, sorted.length, sorted.length / 10.0, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
            server.stop();
            boards.close();
        }
    }
}
