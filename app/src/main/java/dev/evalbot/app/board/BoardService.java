package dev.evalbot.app.board;

import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.BoardSummary;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.board.Withdrawal;
import dev.evalbot.rules.model.Benchmark;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * restart, and a burst of 1,000 changes is one refresh); a refresh catches the benchmark's board up
 * with the pull requests changed since it was read, and publishes it when its content changed.
 *
 * <p>Boards are read from the store on first use, not at start, and kept in a cache bounded by
 * the reports they hold ({@code EVALBOT_BOARD_CACHE_REPORTS}); an evicted board is read again when
 * next asked for. Pages are rendered per request from the board (the first page once per change).
 * What stays for good is one line per benchmark for the index (its summary and leader).
 */
public final class BoardService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardService.class);
    /** Reports the cached boards may hold together, unless configured otherwise. */
    public static final long DEFAULT_CACHE_REPORTS = 300_000;

    /** A rendered document, encoded once (a big page is not re-encoded per request), and its strong ETag. */
    public record Rendered(String body, byte[] bytes, String etag) {}

    private final ResultStore results;
    private final RefreshStore refreshes;
    private final TaskCatalog catalog;
    private final Map<String, Benchmark> definitions;
    private final Duration debounce;
    private final Clock clock;
    private final List<BoardPublisher> publishers;
    private final LeaderboardPage pages;
    private final LeaderboardJson json;
    private final LeaderboardIndexPage index;
    private final ModelLinks links;
    private final WithdrawalTrail trail;
    private final BoardSettings settings;
    private final Cache<String, LiveBoard> boards;
    private final ModelReports modelReports;
    /** One line per benchmark read since start: small, and what the index shows without reading boards. */
    private final Map<String, BoardListing> listings = new ConcurrentHashMap<>();
    /** Ids of the benchmarks with results: read from the store once, then kept up to date by each read. */
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private volatile boolean idsRead;
    /** What each benchmark's publishers last accepted; a failed publish leaves it behind and is retried. */
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final Map<String, Integer> publishFailures = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong refreshCount = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param platforms the platforms whose models the boards link to and whose reports they read
     * @param settings provider names for the facets, the public URL for badge Markdown
     * @param trail who withdrew which pull request's reports, and why (the audit log)
     * @param cacheReports reports the cached boards may hold together (a board bigger than that is
     *     still served, and evicted once no longer the newest)
     */
    public BoardService(KnownPlatforms platforms, ResultStore results, RefreshStore refreshes, TaskCatalog catalog,
            Map<String, Benchmark> definitions, Duration debounce, Clock clock, List<BoardPublisher> publishers,
            BoardSettings settings, WithdrawalTrail trail, long cacheReports) {
        this.settings = settings;
        this.trail = trail;
        this.links = new ModelLinks(platforms);
        this.pages = new LeaderboardPage(platforms, PageLimits.DEFAULT, settings.facets(), settings.publicUrl());
        this.json = new LeaderboardJson(platforms, settings.facets());
        this.index = new LeaderboardIndexPage(platforms);
        this.results = results;
        this.refreshes = refreshes;
        this.catalog = catalog;
        this.modelReports = new ModelReports(results, catalog, platforms);
        this.definitions = Map.copyOf(definitions);
        this.debounce = debounce;
        this.clock = clock;
        this.publishers = List.copyOf(publishers);
        this.boards = Caffeine.newBuilder().maximumWeight(Math.max(1, cacheReports))
                .weigher((String id, LiveBoard b) -> b.weight()).build();
    }

    /**
     * Starts the refresher; reads no board (the first request of a board reads it). The refresher
     * first reads, one at a time, each board the index has no line for yet.
     */
    public BoardService start() {
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

    /**
     * The board as of its last refresh, read from the store if it is not cached. Its task boards'
     * {@code rows()} are the whole ranked list (random access, built per row on access), so a
     * caller may stream every row without copying: the seam for whole-list views of the board.
     */
    public Optional<Leaderboard> leaderboard(String benchmarkId) {
        return live(benchmarkId).map(LiveBoard::leaderboard);
    }

    /** The first page (every task's first rows), as anyone gets it without parameters. */
    public Optional<Rendered> page(String benchmarkId) {
        return page(benchmarkId, BoardQuery.first(PageLimits.DEFAULT.maxRowsPerTask()));
    }

    /** One page of the board; the first one is rendered once per change. */
    public Optional<Rendered> page(String benchmarkId, BoardQuery query) {
        return live(benchmarkId).filter(b -> hasTask(b, query)).map(b -> cached(b.snapshot(), 0, query, s -> pages.render(s.leaderboard(),
                definitions.get(benchmarkId), s.withdrawn(), query)));
    }

    public Optional<Rendered> json(String benchmarkId) {
        return json(benchmarkId, BoardQuery.first(PageLimits.DEFAULT.maxRowsPerTask()));
    }

    public Optional<Rendered> json(String benchmarkId, BoardQuery query) {
        return live(benchmarkId).filter(b -> hasTask(b, query)).map(b -> cached(b.snapshot(), 1, query,
                s -> json.renderPage(s.leaderboard(), s.withdrawn(), query)));
    }

    /** The reports of a benchmark that are off its leaderboards, by task, newest first. */
    public Map<String, List<Withdrawal>> withdrawn(String benchmarkId) {
        return live(benchmarkId).map(b -> b.snapshot().withdrawn()).orElse(Map.of());
    }

    /**
     * Every eligible report of one model repository as the boards' rows show it, read from the
     * store for that model alone (see {@link ModelReports}).
     *
     * @param platform a known platform's code, or null for every known platform
     */
    public List<BoardEntry> reportsOf(String modelRepo, String platform) {
        return modelReports.of(modelRepo, platform);
    }

    public BoardSettings settings() {
        return settings;
    }

    /** Links to the models' repositories, and which platform a bare model name means. */
    ModelLinks links() {
        return links;
    }

    /** Summaries of the boards read since start, by id. */
    public List<BoardSummary> summaries() {
        return new TreeMap<>(listings).values().stream().map(BoardListing::summary).toList();
    }

    public Map<String, String> names() {
        Map<String, String> names = new TreeMap<>();
        definitions.forEach((id, b) -> names.put(id, b.name()));
        return names;
    }

    /**
     * Every benchmark with results, by the name shown: those read since start with their summary and
     * leader, the others (still being read in the background) with their name only.
     */
    public List<BoardListing> listings() {
        Map<String, BoardListing> all = new TreeMap<>(listings);
        for (String id : datasetIds()) {
            all.computeIfAbsent(id, k -> BoardListing.of(k, nameOf(k), null));
        }
        return all.values().stream().sorted(BoardListing.BY_NAME).toList();
    }

    public Rendered indexPage() {
        return rendered(index.renderListings(listings()));
    }

    public Rendered indexJson() {
        return rendered(json.renderListings(listings()));
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

    /**
     * Catches the board up with the store now, on the caller's thread, publishing nothing: what a
     * refresh does minus the bookkeeping of the refresh schedule (for benchmarks and tests).
     */
    public void catchUp(String benchmarkId) {
        refresh(benchmarkId, false);
    }

    private Optional<LiveBoard> live(String benchmarkId) {
        LiveBoard board = boards.get(benchmarkId, this::load);
        return Optional.ofNullable(board);
    }

    /** Reads a board from the store (null: none), and records its line for the index. */
    private LiveBoard load(String benchmarkId) {
        long now = clock.millis();
        Optional<LiveBoard> board = LiveBoard.load(benchmarkId, results, catalog, trail, now);
        if (board.isEmpty()) {
            listings.remove(benchmarkId);
            ids.remove(benchmarkId);
            return null;
        }
        ids.add(benchmarkId);
        list(benchmarkId, board.get());
        return board.get();
    }

    private void list(String benchmarkId, LiveBoard board) {
        listings.put(benchmarkId, BoardListing.of(benchmarkId, nameOf(benchmarkId), board.leaderboard()));
    }

    private String nameOf(String benchmarkId) {
        Benchmark b = definitions.get(benchmarkId);
        return b == null ? null : b.name();
    }

    private static boolean hasTask(LiveBoard b, BoardQuery query) {
        return query.task() == null || b.leaderboard().task(query.task()).isPresent();
    }

    private static Rendered cached(LiveBoard.Snapshot s, int slot, BoardQuery query,
            java.util.function.Function<LiveBoard.Snapshot, String> render) {
        if (!query.isFirstPage() || query.limit() != PageLimits.DEFAULT.maxRowsPerTask()) {
            return rendered(render.apply(s));
        }
        Rendered r = s.firstPages()[slot];
        if (r == null) {
            // Two requests may both render it at first: the same bytes, one of them kept.
            r = rendered(render.apply(s));
            s.firstPages()[slot] = r;
        }
        return r;
    }

    private Set<String> datasetIds() {
        if (!idsRead) {
            ids.addAll(results.datasetIds());
            idsRead = true;
        }
        return ids;
    }

    /** Reads, one at a time, each board that has no line on the index yet (after a restart, all). */
    private void listAll() {
        for (String id : List.copyOf(datasetIds())) {
            if (!running) {
                return;
            }
            if (!listings.containsKey(id)) {
                live(id);
            }
        }
    }

    private void loop() {
        boolean listed = false;
        while (running) {
            try {
                runDue();
                if (!listed) {
                    listAll();
                    listed = true;
                }
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

    /**
     * Catches the board up with the store: a cached board replaces the reports of the pull
     * requests changed since it was read; one not cached is read whole.
     */
    void refresh(String benchmarkId, boolean publish) {
        LiveBoard board = boards.getIfPresent(benchmarkId);
        if (board != null) {
            long now = clock.millis();
            if (board.sync(results, trail, now)) {
                boards.put(benchmarkId, board); // weighed again
                list(benchmarkId, board);
            } else {
                boards.invalidate(benchmarkId);
                listings.remove(benchmarkId);
                ids.remove(benchmarkId);
                board = null;
            }
        } else {
            board = live(benchmarkId).orElse(null);
        }
        refreshCount.incrementAndGet();
        if (board == null || !publish || publishers.isEmpty()) {
            return;
        }
        LiveBoard.Snapshot s = board.snapshot();
        String jsonText = json.render(s.leaderboard(), s.withdrawn());
        Rendered whole = rendered(jsonText);
        if (!whole.etag().equals(published.get(benchmarkId))) {
            publish(benchmarkId, s.leaderboard(), jsonText, whole.etag());
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
