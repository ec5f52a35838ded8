package dev.evalbot.app.board;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.ModelKey;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    /** {@code EVALBOT_HUB_API_CACHE_ENTRIES}: rendered lists kept (per task and filter). */
    public static final String CACHE_ENTRIES_VARIABLE = "EVALBOT_HUB_API_CACHE_ENTRIES";
    public static final int DEFAULT_CACHE_ENTRIES = 1024;
    /**
     * A list up to this size is kept rendered; a bigger one (a board of thousands of models) is
     * written from the board's rows again per request, so the cache never holds a copy of a board.
     */
    public static final int DEFAULT_KEEP_BYTES = 256 * 1024;

    /**
     * An answer's digest (and bytes, when small) and the board it was written from: a different
     * board is a miss. Weak, so that a board the board cache evicted is not kept alive from here.
     */
    private record Cached(WeakReference<Leaderboard> source, StreamedAnswer answer) {}

    private final BoardService boards;
    private final Map<String, Benchmark> definitions;
    private final ModelCardStore cards;
    private final HubLeaderboardJson json = new HubLeaderboardJson();
    private final Cache<String, Cached> cache;
    private final int keepBytes;

    /**
     * @param definitions the registered benchmarks (their first declared task is the Hub's default)
     * @param cacheEntries the most rendered answers kept
     */
    public HubApiRoutes(BoardService boards, Map<String, Benchmark> definitions, ModelCardStore cards,
            int cacheEntries) {
        this(boards, definitions, cards, cacheEntries, DEFAULT_KEEP_BYTES);
    }

    /** @param keepBytes the largest list kept rendered; bigger ones are streamed per request */
    public HubApiRoutes(BoardService boards, Map<String, Benchmark> definitions, ModelCardStore cards,
            int cacheEntries, int keepBytes) {
        this.boards = boards;
        this.definitions = Map.copyOf(definitions);
        this.cards = cards;
        this.keepBytes = keepBytes;
        this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).build();
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
            // A board refresh makes a new Leaderboard: the answer is digested again from it. A changed
            // card refreshes the boards of its model (cardChanged).
            Leaderboard source = board.get();
            StreamedAnswer.Writer writer = out -> {
                Map<ModelKey, List<String>> derived = baseOnly ? cards.derived() : Map.of();
                json.leaderboard(rows(task), m -> !derived.containsKey(m), out);
            };
            Cached hit = cache.getIfPresent(key);
            StreamedAnswer answer;
            if (hit != null && hit.source().get() == source) {
                answer = hit.answer();
            } else {
                answer = StreamedAnswer.of(writer, keepBytes);
                cache.put(key, new Cached(new WeakReference<>(source), answer));
            }
            answer.send(ctx, HubReplies.HEADERS, writer);
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
            // Read per request from the store, for this model only: nothing proportional to the store is kept.
            List<BoardEntry> results = boards.reportsOf(id, platform);
            if (results.isEmpty()) {
                HubReplies.repoNotFound(ctx, json.error("evalbot holds no results for model " + id));
                return;
            }
            HubReplies.send(ctx, BoardService.rendered(json.modelInfo(id, evalResults ? results : null)));
        };
    }

    /**
     * A model's card now declares other base models: the boards it is on are refreshed, so that
     * their Hub-shaped lists (rendered from the board they were built with) are rendered again.
     */
    public void cardChanged(ModelKey model) {
        boards.reportsOf(model.modelRepo(), model.platform()).stream().map(BoardEntry::datasetId).distinct()
                .forEach(boards::changed);
    }

    /** The seam to the board: one task's rows, ranked by it. */
    private static List<Row> rows(Optional<TaskBoard> task) {
        return task.map(TaskBoard::rows).orElse(List.of());
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
