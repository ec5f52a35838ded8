package dev.evalbot.app.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.BoardSummary;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.board.TopScoreHistory;
import dev.evalbot.rules.check.rules.SourceRule;
import dev.evalbot.rules.tier.Tier;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.board.Facets;
import dev.evalbot.rules.board.ProviderSpread;
import dev.evalbot.rules.board.Withdrawal;
import dev.evalbot.rules.board.Withdrawals;

/**
 * The JSON of {@code GET /api/leaderboards/{owner}/{name}} (and of the list,
 * {@code GET /api/leaderboards}), schema version {@value #SCHEMA_VERSION}, documented in
 * {@code docs/leaderboard-api.md}. Built as a tree so that field names and order are the schema's,
 * whatever the records look like. Thread-safe. Send with {@link PageAssets#JSON_HEADERS}.
 */
public final class LeaderboardJson {
    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper();
    private final FacetParser facets;
    private final ModelLinks links;

    /** @param facets reads each report's notes into facets (the configured provider names) */
    public LeaderboardJson(KnownPlatforms platforms, FacetParser facets) {
        this.facets = facets;
        this.links = new ModelLinks(platforms);
        // <, >, & and the JS line separators escaped: the JSON stays inert if some client ever
        // pastes it into HTML or a script.
        mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    public String render(Leaderboard board) {
        return render(board, Map.of());
    }

    /** @param withdrawn the reports off each task's leaderboard, by task id (see {@link Withdrawals}) */
    public String render(Leaderboard board, Map<String, List<Withdrawal>> withdrawn) {
        return write(tree(board, withdrawn));
    }

    /**
     * One page of the board ({@code ?task=&cursor=&limit=&q=}): each task's rows from the cursor,
     * with their board-wide ranks, how many there are ({@code total}, and {@code matching} for a
     * search) and where the next page starts ({@code nextCursor}, {@code next}; null on the last
     * page). The withdrawn reports come with the first page only.
     */
    public String renderPage(Leaderboard board, Map<String, List<Withdrawal>> withdrawn, BoardQuery query) {
        ObjectNode root = header(board);
        root.put("limit", query.limit());
        if (query.search() == null) {
            root.putNull("q");
        } else {
            root.put("q", query.search());
        }
        ArrayNode tasks = root.putArray("tasks");
        List<TaskBoard> shown = query.task() == null ? board.tasks() : board.task(query.task()).stream().toList();
        boolean first = query.cursor() == null && query.search() == null;
        for (TaskBoard task : shown) {
            TaskPage page = TaskPage.of(task, query);
            // The history is read from every row: the first page has it, the others would only repeat it.
            ObjectNode o = task(task, page.rows(), first ? withdrawn.getOrDefault(task.taskId(), List.of()) : List.of(),
                    first);
            o.put("total", page.total());
            o.put("matching", page.matching());
            o.put("nextCursor", page.nextCursor());
            o.put("next", page.nextCursor() == null ? null
                    : BoardLinks.api(board.benchmarkId(), task.taskId(), page.nextCursor(), query,
                    PageLimits.DEFAULT.maxRowsPerTask()));
            tasks.add(o);
        }
        return write(root);
    }

    public String renderIndex(List<BoardSummary> boards) {
        return write(indexTree(boards));
    }

    /** The index with each board's shown name and leader, in the order given. */
    public String renderListings(List<BoardListing> listings) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode list = root.putArray("leaderboards");
        for (BoardListing l : listings) {
            ObjectNode o = list.addObject();
            o.put("benchmark", l.benchmarkId());
            o.put("name", l.name());
            if (l.summary() == null) {
                o.putNull("tasks");
                o.putNull("models");
                o.putNull("lastChange");
            } else {
                o.put("tasks", l.summary().tasks());
                o.put("models", l.summary().models());
                putTime(o, "lastChange", l.summary().lastChange());
            }
            if (l.leader() == null) {
                o.putNull("leader");
            } else {
                ObjectNode leader = o.putObject("leader");
                leader.put("task", l.leaderTask());
                leader.put("model", l.leader().modelRepo());
                leader.put("platform", l.leader().best().platform());
                leader.put("value", l.leader().value());
                leader.put("tier", l.leader().best().tier().label());
            }
            o.put("url", BoardPaths.api(l.benchmarkId()));
        }
        return write(root);
    }

    public ObjectNode tree(Leaderboard board) {
        return tree(board, Map.of());
    }

    public ObjectNode tree(Leaderboard board, Map<String, List<Withdrawal>> withdrawn) {
        ObjectNode root = header(board);
        ArrayNode tasks = root.putArray("tasks");
        for (TaskBoard task : board.tasks()) {
            tasks.add(task(task, task.rows(), withdrawn.getOrDefault(task.taskId(), List.of())));
        }
        return root;
    }

    private ObjectNode header(Leaderboard board) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("benchmark", board.benchmarkId());
        putTime(root, "lastChange", board.lastChange());
        root.put("models", board.models());
        return root;
    }

    public ObjectNode indexTree(List<BoardSummary> boards) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ArrayNode list = root.putArray("leaderboards");
        for (BoardSummary b : boards) {
            ObjectNode o = list.addObject();
            o.put("benchmark", b.benchmarkId());
            o.put("tasks", b.tasks());
            o.put("models", b.models());
            putTime(o, "lastChange", b.lastChange());
            o.put("url", BoardPaths.api(b.benchmarkId()));
        }
        return root;
    }

    private ObjectNode task(TaskBoard task, List<Row> shownRows, List<Withdrawal> withdrawn) {
        return task(task, shownRows, withdrawn, true);
    }

    private ObjectNode task(TaskBoard task, List<Row> shownRows, List<Withdrawal> withdrawn, boolean history) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", task.taskId());
        o.put("lowerIsBetter", task.lowerIsBetter());
        putTime(o, "lastChange", task.lastChange());
        ObjectNode counts = o.putObject("counts");
        for (Tier t : Tier.values()) {
            counts.put(t.label(), task.count(t));
        }
        o.put("excluded", task.excluded());
        ArrayNode rows = o.putArray("rows");
        for (Row row : shownRows) {
            ObjectNode r = rows.addObject();
            r.put("rank", row.rank());
            r.put("model", row.modelRepo());
            r.put("platform", row.best().platform());
            r.set("best", report(row.best()));
            ArrayNode others = r.putArray("others");
            row.others().forEach(e -> others.add(report(e)));
            r.put("modelUrl", links.url(row.best().platform(), row.modelRepo()));
            Optional<ProviderSpread> spread = ProviderSpread.of(row, facets);
            if (spread.isEmpty()) {
                r.putNull("providerSpread");
            } else {
                ObjectNode sp = r.putObject("providerSpread");
                ArrayNode names = sp.putArray("providers");
                spread.get().providers().forEach(names::add);
                sp.put("min", spread.get().min());
                sp.put("max", spread.get().max());
            }
        }
        ArrayNode historyNode = history ? o.putArray("topScoreHistory") : null;
        if (!history) {
            o.putNull("topScoreHistory");
        }
        for (TopScoreHistory.Point p : history ? TopScoreHistory.of(task) : List.<TopScoreHistory.Point>of()) {
            ObjectNode h = historyNode.addObject();
            putTime(h, "at", p.at());
            h.put("value", p.value());
            h.put("model", p.modelRepo());
        }
        ArrayNode out = o.putArray("withdrawn");
        for (Withdrawal w : withdrawn) {
            ObjectNode x = out.addObject();
            x.put("model", w.entry().modelRepo());
            x.put("platform", w.entry().platform());
            x.put("kind", w.kind().label());
            x.put("by", w.by());
            if (w.closedBy() == Withdrawal.ClosedBy.NOT_CLOSED) {
                x.putNull("closedBy");
            } else {
                x.put("closedBy", w.closedBy().label());
            }
            putTime(x, "at", w.at());
            x.put("reason", w.reason());
            x.set("report", report(w.entry()));
        }
        return o;
    }

    private ObjectNode report(BoardEntry e) {
        ObjectNode o = mapper.createObjectNode();
        o.put("value", e.value());
        o.put("tier", e.tier().label());
        o.put("logChecked", e.logChecked());
        putTime(o, "date", e.date());
        putTime(o, "effectiveDate", e.effectiveDate());
        putTime(o, "updatedAt", e.updatedAt());
        o.put("notes", e.notes());
        if (e.sourceUrl() == null && e.sourceName() == null) {
            o.putNull("source");
        } else {
            ObjectNode source = o.putObject("source");
            // Same rule as the page: only an absolute https URL is passed on as a URL.
            source.put("url", e.sourceUrl() != null && SourceRule.isAbsoluteHttps(e.sourceUrl())
                    ? e.sourceUrl().trim() : null);
            source.put("name", e.sourceName());
            source.put("attribution", e.attribution());
        }
        ObjectNode dataset = o.putObject("dataset");
        dataset.put("revision", e.revision());
        dataset.put("revisionUrl", DatasetLinks.tree(e.datasetId(), e.revision()));
        if (e.prNumber() == 0) {
            o.putNull("pr");
        } else {
            ObjectNode pr = o.putObject("pr");
            pr.put("number", e.prNumber());
            pr.put("state", e.prState().label());
        }
        o.put("approved", e.approved());
        o.put("file", e.file());
        o.put("line", e.line());
        Facets f = facets.parse(e.notes());
        ObjectNode fo = o.putObject("facets");
        putBoolean(fo, "tools", f.tools());
        putBoolean(fo, "chainOfThought", f.chainOfThought());
        if (f.shots() == null) {
            fo.putNull("shots");
        } else {
            fo.put("shots", f.shots());
        }
        fo.put("provider", f.provider());
        if (f.temperature() == null) {
            fo.putNull("temperature");
        } else {
            fo.put("temperature", f.temperature());
        }
        return o;
    }

    private static void putBoolean(ObjectNode o, String field, Boolean b) {
        if (b == null) {
            o.putNull(field);
        } else {
            o.put(field, b);
        }
    }

    private static void putTime(ObjectNode o, String field, Instant t) {
        if (t == null) {
            o.putNull(field);
        } else {
            o.put(field, t.toString());
        }
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table = CharacterEscapes.standardAsciiEscapesForJSON();

        HtmlSafeEscapes() {
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        /** U+2028 and U+2029 end a line in JavaScript source; written as escapes. */
        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
