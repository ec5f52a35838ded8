package dev.evalbot.app.board;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.BoardSummary;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.ModelKey;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * evalbot's boards read as if evalbot were the Hub, so that {@code HfApi(endpoint=<evalbot>)} and
 * every dashboard built on the Hub's API work unchanged:
 * {@code GET /api/datasets/{owner}/{name}/leaderboard} and {@code GET /api/models/{owner}/{name}}
 * ({@code ?expand=evalResults}). Rows and ranks are the board's, the very object the page, the
 * badges and {@code /api/leaderboards} read. Served like {@code /api/leaderboards}: rendered once per
 * board change, a strong ETag, 304 on a match; and open to browsers (CORS), since the data is public.
 */
public final class HubApiRoutes {
    public static final String LEADERBOARD = "/api/datasets/{owner}/{name}/leaderboard";
    public static final String MODEL = "/api/models/{owner}/{name}";
    /** {@code EVALBOT_HUB_API_CACHE_ENTRIES}: rendered answers kept (per task and filter, per model). */
    public static final String CACHE_ENTRIES_VARIABLE = "EVALBOT_HUB_API_CACHE_ENTRIES";
    public static final int DEFAULT_CACHE_ENTRIES = 1024;

    /** A rendered answer and what it was rendered from: a different source is a miss. */
    private record Cached(Object source, BoardService.Rendered rendered) {}

    private final BoardService boards;
    private final Map<String, Benchmark> definitions;
    private final ModelCardStore cards;
    private final HubLeaderboardJson json = new HubLeaderboardJson();
    private final Cache<String, Cached> cache;
    /** The last index of reports by model; replaced whole when the boards changed. */
    private volatile ModelReports modelReports;

    /**
     * @param definitions the registered benchmarks (their first declared task is the Hub's default)
     * @param cacheEntries the most rendered answers kept
     */
    public HubApiRoutes(BoardService boards, Map<String, Benchmark> definitions, ModelCardStore cards,
            int cacheEntries) {
        this.boards = boards;
        this.definitions = Map.copyOf(definitions);
        this.cards = cards;
        this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).build();
    }

    /** {@value #CACHE_ENTRIES_VARIABLE}, else {@value #DEFAULT_CACHE_ENTRIES}. */
    public static int cacheEntries(Map<String, String> env) {
        String value = env.get(CACHE_ENTRIES_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_CACHE_ENTRIES;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(CACHE_ENTRIES_VARIABLE + " must be a whole number of at least 1, got '"
                + value + "'");
    }

    /**
     * The benchmark's first task as the Hub ranks it (the first task its {@code eval.yaml} declares),
     * or {@code ?task_id=} (evalbot's extension). {@code ?base_model=true} (the default, as the
     * Hub's) leaves out models whose card declares a {@code base_model}; {@code false} keeps them.
     */
    public Handler leaderboard() {
        return ctx -> {
            String id = ctx.pathParam("owner") + "/" + ctx.pathParam("name");
            Optional<Boolean> baseModelOnly = flag(ctx.queryParam("base_model"));
            if (baseModelOnly.isEmpty()) {
                HubReplies.error(ctx, HttpStatus.BAD_REQUEST, null, json.error("base_model must be true or false,"
                        + " got '" + ctx.queryParam("base_model") + "'"));
                return;
            }
            Optional<Leaderboard> board = boards.leaderboard(id);
            if (board.isEmpty()) {
                if (definitions.containsKey(id)) {
                    HubReplies.error(ctx, HttpStatus.NOT_FOUND, null,
                            json.error(id + " has no leaderboard on evalbot yet: no results"));
                } else {
                    HubReplies.repoNotFound(ctx, json.error("dataset " + id + " is not a benchmark evalbot knows"));
                }
                return;
            }
            String requested = ctx.queryParam("task_id");
            String taskId = requested != null ? requested : firstTask(id, board.get());
            Optional<TaskBoard> task = board.get().task(taskId);
            if (task.isEmpty() && !declared(id).contains(taskId)) {
                Set<String> known = new LinkedHashSet<>(declared(id));
                board.get().tasks().forEach(t -> known.add(t.taskId()));
                HubReplies.error(ctx, HttpStatus.NOT_FOUND, null, json.error("benchmark " + id + " has no task '"
                        + taskId + "'; its tasks: " + String.join(", ", known)));
                return;
            }
            boolean baseOnly = baseModelOnly.get();
            String key = "d\n" + id + "\n" + taskId + "\n" + baseOnly;
            // A board refresh makes a new Leaderboard: the answer is rendered again from it. A changed
            // card refreshes the boards of its model (cardChanged).
            Leaderboard source = board.get();
            BoardService.Rendered rendered = cached(key, source, () -> {
                Map<ModelKey, List<String>> derived = baseOnly ? cards.derived() : Map.of();
                return json.leaderboard(rows(task), m -> !derived.containsKey(m));
            });
            HubReplies.send(ctx, rendered);
        };
    }

    /**
     * {@code id}, and with {@code ?expand=evalResults} (or {@code expand[]=}) every eligible report
     * evalbot holds for the model, in the results file's shape. {@code ?platform=hub|github} keeps
     * one platform's repository of that name (evalbot's extension); both otherwise.
     */
    public Handler model() {
        return ctx -> {
            String id = ctx.pathParam("owner") + "/" + ctx.pathParam("name");
            List<String> expand = new ArrayList<>(ctx.queryParams("expand"));
            expand.addAll(ctx.queryParams("expand[]"));
            boolean evalResults = expand.contains("evalResults");
            String platform = ctx.queryParam("platform");
            String key = "m\n" + id + "\n" + evalResults + "\n" + platform;
            ModelReports reports = reports();
            List<BoardEntry> results = reports.of(id, platform);
            if (results.isEmpty()) {
                HubReplies.repoNotFound(ctx, json.error("evalbot holds no results for model " + id));
                return;
            }
            HubReplies.send(ctx, cached(key, reports, () -> json.modelInfo(id, evalResults ? results : null)));
        };
    }

    /** The reports by model of the boards as they are now, rebuilt when any board was refreshed, added or dropped. */
    private ModelReports reports() {
        List<Leaderboard> current = new ArrayList<>();
        for (BoardSummary summary : boards.summaries()) {
            boards.leaderboard(summary.benchmarkId()).ifPresent(current::add);
        }
        ModelReports known = modelReports;
        if (known != null && known.builtFrom(current)) {
            return known;
        }
        ModelReports built = new ModelReports(current);
        modelReports = built;
        return built;
    }

    /**
     * A model's card now declares other base models: the boards it is on are refreshed, so that
     * their Hub-shaped lists (rendered from the board they were built with) are rendered again.
     */
    public void cardChanged(ModelKey model) {
        reports().of(model.modelRepo(), model.platform()).stream().map(BoardEntry::datasetId).distinct()
                .forEach(boards::changed);
    }

    /** The seam to the board: one task's rows, ranked by it. */
    private static List<Row> rows(Optional<TaskBoard> task) {
        return task.map(TaskBoard::rows).orElse(List.of());
    }

    private BoardService.Rendered cached(String key, Object source, Supplier<String> render) {
        Cached hit = cache.getIfPresent(key);
        if (hit != null && hit.source() == source) {
            return hit.rendered();
        }
        BoardService.Rendered rendered = BoardService.rendered(render.get());
        cache.put(key, new Cached(source, rendered));
        return rendered;
    }

    private String firstTask(String id, Leaderboard board) {
        List<String> declared = declared(id);
        if (!declared.isEmpty()) {
            return declared.get(0);
        }
        return board.tasks().isEmpty() ? "" : board.tasks().get(0).taskId();
    }

    private List<String> declared(String id) {
        Benchmark b = definitions.get(id);
        return b == null ? List.of() : b.tasks().stream().map(Task::id).toList();
    }

    /** {@code true}/{@code false} in any case (the client sends Python's {@code True}), {@code 1}/{@code 0}. */
    static Optional<Boolean> flag(String value) {
        if (value == null) {
            return Optional.of(true);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Optional.of(true);
            case "false", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
