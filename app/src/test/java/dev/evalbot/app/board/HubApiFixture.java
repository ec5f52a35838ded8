package dev.evalbot.app.board;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.Decision;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real store seeded with boards that exercise ranking (ties, a lower-is-better task, two
 * platforms, a withdrawn report, a model's second report, a derived model), a real
 * {@link BoardService}, and a server on loopback with the page, the badges, evalbot's JSON and the
 * Hub-shaped API, wired as in {@code Core}.
 */
final class HubApiFixture implements AutoCloseable {
    static final String MULTI = "bench/multi";
    static final String SINGLE = "bench/single";
    /** Declares a first task that has no report yet: the Hub's default board is empty. */
    static final String FIRST_EMPTY = "bench/first-empty";
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    static final Map<String, Benchmark> DEFINITIONS = Map.of(
            MULTI, new Benchmark(MULTI, "Multi", "two tasks", "inspect-ai", List.of(
                    new Task("acc", null, null, false, 6), new Task("err", null, null, true, 8))),
            SINGLE, new Benchmark(SINGLE, "Single", "one task", "inspect-ai", List.of(
                    new Task("t1", null, null, false, 6))),
            FIRST_EMPTY, new Benchmark(FIRST_EMPTY, "First empty", "two tasks", "inspect-ai", List.of(
                    new Task("never", null, null, false, 6), new Task("other", null, null, false, 8))));

    final Database db;
    final ResultStore results;
    final ModelCardStore cards;
    final BoardService boards;
    final HubApiRoutes hub;
    final Javalin server;
    final String endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HubApiFixture(Path dir) {
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + dir.resolve("hubapi.db")));
        results = new ResultStore(db, Clock.systemUTC());
        cards = new ModelCardStore(db, Clock.systemUTC());
        seed();
        boards = new BoardService(PlatformModules.known(), results, new RefreshStore(db, Duration.ofMinutes(1)),
                TaskCatalog.of(RulesConfig.DEFAULT, DEFINITIONS.values()), DEFINITIONS, Duration.ZERO,
                Clock.systemUTC(), List.of(),
                BoardSettings.DEFAULT, WithdrawalTrail.NONE, BoardService.DEFAULT_CACHE_REPORTS).start();
        BoardRoutes routes = new BoardRoutes(boards);
        hub = new HubApiRoutes(boards, DEFINITIONS, cards, 16);
        server = Javalin.create(c -> c.showJavalinBanner = false)
                .get(BoardPaths.INDEX + "/{owner}/{name}", routes.page())
                .get(BoardPaths.API_INDEX, routes.indexJson())
                .get(BoardPaths.API_INDEX + "/{owner}/{name}", routes.json())
                .get("/badges/<path>", routes.badge())
                .get(HubApiRoutes.LEADERBOARD, hub.leaderboard())
                .get(HubApiRoutes.MODEL, hub.model())
                .start("127.0.0.1", 0);
        endpoint = "http://127.0.0.1:" + server.port();
    }

    private void seed() {
        // lab/alpha, on the Hub, merged: on every task, with a source on the Hub itself.
        record(PlatformId.HUB, "lab/alpha", 0, PrState.MERGED,
                entry(".eval_results/multi.yaml", 1, MULTI, "acc", 70.0, "2026-01-04", "no tools",
                        "https://huggingface.co/spaces/lab/evals", "Eval logs", Tier.AUTHOR, SHA),
                entry(".eval_results/multi.yaml", 5, MULTI, "err", 0.12, "2026-01-04", null, null, null, Tier.AUTHOR,
                        null),
                entry(".eval_results/single.yaml", 1, SINGLE, "t1", 3.5, null, null, null, null, Tier.VERIFIED, null));
        // Its second report on acc, in an open pull request: one row, the other report under it.
        record(PlatformId.HUB, "lab/alpha", 3, PrState.OPEN,
                entry(".eval_results/multi-tools.yaml", 1, MULTI, "acc", 60.0, "2026-01-05", "with tools",
                        "https://example.org/alpha", "blog", Tier.COMMUNITY, null));
        // lab/beta ties lab/alpha on acc, from an open pull request, with markup in its notes.
        record(PlatformId.HUB, "lab/beta", 7, PrState.OPEN,
                entry(".eval_results/multi.yaml", 1, MULTI, "acc", 70.0, "2026-01-06",
                        "<script>alert(1)</script> & co", "https://arxiv.org/abs/2501.14249", "paper",
                        Tier.COMMUNITY, null),
                entry(".eval_results/multi.yaml", 5, MULTI, "err", 0.3, "2026-01-06", null, null, null,
                        Tier.COMMUNITY, null),
                entry(".eval_results/single.yaml", 1, SINGLE, "t1", 1.0, null, null, null, null, Tier.COMMUNITY,
                        null),
                entry(".eval_results/first.yaml", 1, FIRST_EMPTY, "other", 9.0, null, null, null, null,
                        Tier.COMMUNITY, null));
        // lab/gamma lives on GitHub; verified; ties lab/alpha on err (lower is better).
        record(PlatformId.GITHUB, "lab/gamma", 0, PrState.MERGED,
                entry(".eval_results/multi.yaml", 1, MULTI, "acc", 55.5, "2026-01-02", null,
                        "https://arxiv.org/abs/2501.00001", null, Tier.VERIFIED, null),
                entry(".eval_results/multi.yaml", 5, MULTI, "err", 0.12, "2026-01-02", null, null, null,
                        Tier.VERIFIED, null),
                entry(".eval_results/single.yaml", 1, SINGLE, "t1", 2.0, null, null, null, null, Tier.AUTHOR, null));
        // A fine-tune whose card declares lab/alpha as its base model: first on acc, off the default list.
        record(PlatformId.HUB, "lab/alpha-ft", 0, PrState.MERGED,
                entry(".eval_results/multi.yaml", 1, MULTI, "acc", 80.0, "2026-01-07", null, null, null,
                        Tier.AUTHOR, null));
        cards.record(PlatformId.HUB, "lab/alpha-ft", List.of("lab/alpha"));
        cards.record(PlatformId.HUB, "lab/alpha", List.of());
        // Rejected by a maintainer: withdrawn, on no list.
        record(PlatformId.HUB, "lab/delta", 2, PrState.OPEN,
                entry(".eval_results/multi.yaml", 1, MULTI, "acc", 99.0, null, null, null, null, Tier.COMMUNITY,
                        null));
        results.setDecision(new PullRef(PlatformId.HUB, "lab/delta", 2), Decision.NONE.reject());
    }

    private void record(PlatformId platform, String repo, int number, PrState state, ReviewedEntry... entries) {
        results.replaceAll(new PullRef(platform, repo, number), "sha" + number, state, List.of(entries));
    }

    private static ReviewedEntry entry(String file, int line, String dataset, String task, double value, String date,
            String notes, String url, String sourceName, Tier tier, String revision) {
        return new ReviewedEntry(file, line, line, dataset, task, value, date, notes, url, sourceName, tier, null,
                revision, false);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
        boards.close();
        db.close();
    }
}
