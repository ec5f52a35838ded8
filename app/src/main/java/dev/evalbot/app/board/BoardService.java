package dev.evalbot.app.board;

import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.rules.board.Aggregator;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.BoardSummary;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.board.Withdrawal;
import dev.evalbot.rules.board.Withdrawals;
import dev.evalbot.rules.model.Benchmark;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every leaderboard live: a change asks for a refresh of its benchmark, debounced and
 * durable (the due refresh is a row in the store, so one that was due before a crash happens after
 * restart, and a burst of 1,000 changes is one refresh); a refresh re-aggregates the benchmark
 * from the store, renders its page and JSON once, and publishes them when their content changed.
 */
public final class BoardService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardService.class);

    /** A rendered document, encoded once (a big page is not re-encoded per request), and its strong ETag. */
    public record Rendered(String body, byte[] bytes, String etag) {}

    private record Board(Leaderboard leaderboard, Map<String, List<Withdrawal>> withdrawn, Rendered page,
            Rendered json) {}

    private final ResultStore results;
    private final RefreshStore refreshes;
    private final TaskCatalog catalog;
    private final Map<String, Benchmark> definitions;
    private final Duration debounce;
    private final Clock clock;
    private final List<BoardPublisher> publishers;
    private final LeaderboardPage pages;
    private final LeaderboardJson json;
    private final WithdrawalTrail trail;
    private final BoardSettings settings;
    private final Map<String, Board> boards = new ConcurrentHashMap<>();
    /** What each benchmark's publishers last accepted; a failed publish leaves it behind and is retried. */
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final Map<String, Integer> publishFailures = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong refreshCount = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public BoardService(ResultStore results, RefreshStore refreshes, TaskCatalog catalog,
            Map<String, Benchmark> definitions, Duration debounce, Clock clock, List<BoardPublisher> publishers) {
        this(results, refreshes, catalog, definitions, debounce, clock, publishers, BoardSettings.DEFAULT,
                WithdrawalTrail.NONE);
    }

    /**
     * @param settings provider names for the facets, the public URL for badge Markdown
     * @param trail who withdrew which pull request's reports, and why (the audit log)
     */
    public BoardService(ResultStore results, RefreshStore refreshes, TaskCatalog catalog,
            Map<String, Benchmark> definitions, Duration debounce, Clock clock, List<BoardPublisher> publishers,
            BoardSettings settings, WithdrawalTrail trail) {
        this.settings = settings;
        this.trail = trail;
        this.pages = new LeaderboardPage(PageLimits.DEFAULT, settings.facets(), settings.publicUrl());
        this.json = new LeaderboardJson(settings.facets());
        this.results = results;
        this.refreshes = refreshes;
        this.catalog = catalog;
        this.definitions = Map.copyOf(definitions);
        this.debounce = debounce;
        this.clock = clock;
        this.publishers = List.copyOf(publishers);
    }

    /** Builds every board from the store, then starts the refresher. */
    public BoardService start() {
        for (String id : results.datasetIds()) {
            refresh(id, false);
        }
        running = true;
        thread = new Thread(this::loop, "evalbot-boards");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** A change touched {@code benchmarkId}: refresh it after the debounce window. */
    public void changed(String benchmarkId) {
        refreshes.schedule(benchmarkId, clock.instant().plus(debounce));
        wake.release();
    }

    /** {@code /evalbot refresh}: now. */
    public void refreshNow(String benchmarkId) {
        refreshes.schedule(benchmarkId, clock.instant());
        wake.release();
    }

    /** How many refreshes ran since start (for tests and metrics). */
    public long refreshCount() {
        return refreshCount.get();
    }

    public Optional<Leaderboard> leaderboard(String benchmarkId) {
        return Optional.ofNullable(boards.get(benchmarkId)).map(Board::leaderboard);
    }

    public Optional<Rendered> page(String benchmarkId) {
        return Optional.ofNullable(boards.get(benchmarkId)).map(Board::page);
    }

    public Optional<Rendered> json(String benchmarkId) {
        return Optional.ofNullable(boards.get(benchmarkId)).map(Board::json);
    }

    /** The reports of a benchmark that are off its leaderboards, by task, newest first. */
    public Map<String, List<Withdrawal>> withdrawn(String benchmarkId) {
        return Optional.ofNullable(boards.get(benchmarkId)).map(Board::withdrawn).orElse(Map.of());
    }

    public BoardSettings settings() {
        return settings;
    }

    public List<BoardSummary> summaries() {
        return new TreeMap<>(boards).values().stream().map(b -> b.leaderboard().summary()).toList();
    }

    public Map<String, String> names() {
        Map<String, String> names = new TreeMap<>();
        definitions.forEach((id, b) -> names.put(id, b.name()));
        return names;
    }

    public Rendered indexPage() {
        return rendered(new LeaderboardIndexPage().render(summaries(), names()));
    }

    public Rendered indexJson() {
        return rendered(json.renderIndex(summaries()));
    }

    /** Runs the refreshes that are due now; what the refresher thread does on each wake-up. */
    public int runDue() {
        int done = 0;
        for (var due : refreshes.claimDue(clock.instant())) {
            try {
                refresh(due.benchmarkId(), true);
                done++;
            } finally {
                refreshes.complete(due);
            }
        }
        return done;
    }

    private void loop() {
        while (running) {
            try {
                runDue();
                Instant next = refreshes.nextDue().orElse(clock.instant().plusSeconds(60));
                long waitMs = Math.max(10, Duration.between(clock.instant(), next).toMillis());
                wake.tryAcquire(Math.min(waitMs, 60_000), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store may be briefly unavailable: the refresh stays due and runs on the next turn.
                LOG.warn("leaderboard refresh failed, will retry: {}", e.getMessage());
                try {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void refresh(String benchmarkId, boolean publish) {
        List<BoardEntry> entries = new ArrayList<>();
        for (var r : results.byDataset(benchmarkId)) {
            if (StoredEntries.hasTask(r)) {
                entries.add(StoredEntries.toBoardEntry(r));
            }
        }
        Leaderboard board = new Aggregator(catalog).aggregate(entries).get(benchmarkId);
        if (board == null) {
            boards.remove(benchmarkId);
            return;
        }
        Map<String, List<Withdrawal>> withdrawn = Withdrawals.byTask(entries, trail::events);
        String jsonText = json.render(board, withdrawn);
        Board after = new Board(board, withdrawn, rendered(pages.render(board, definitions.get(benchmarkId), withdrawn)),
                rendered(jsonText));
        boards.put(benchmarkId, after);
        refreshCount.incrementAndGet();
        if (publish && !publishers.isEmpty() && !after.json().etag().equals(published.get(benchmarkId))) {
            publish(benchmarkId, board, jsonText, after.json().etag());
        }
    }

    /**
     * Publishes to every target; a failure schedules the refresh again with exponential backoff
     * (30 s doubling to 30 min), in the store, so that it is retried, after a restart too.
     */
    private void publish(String benchmarkId, Leaderboard board, String jsonText, String etag) {
        try {
            for (BoardPublisher p : publishers) {
                p.publish(board, jsonText);
            }
            published.put(benchmarkId, etag);
            publishFailures.remove(benchmarkId);
        } catch (RuntimeException e) {
            int failures = publishFailures.merge(benchmarkId, 1, Integer::sum);
            Duration backoff = Duration.ofSeconds(30L << Math.min(6, failures - 1));
            LOG.warn("publishing {} failed ({}), retrying in {} s", benchmarkId, e.getMessage(), backoff.toSeconds());
            refreshes.schedule(benchmarkId, clock.instant().plus(backoff));
        }
    }

    static Rendered rendered(String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Rendered(body, bytes, "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        wake.release();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
