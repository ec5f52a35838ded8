package dev.evalbot.app.board;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.ModelKey;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.check.rules.SourceRule;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Hub's shapes of evalbot's boards, as its official client ({@code huggingface_hub} 2.x) reads
 * them: {@code DatasetLeaderboardEntry} for {@code GET /api/datasets/{id}/leaderboard}, and
 * {@code ModelInfo.eval_results} for {@code GET /api/models/{id}?expand=evalResults}. Rows come
 * ranked from the board; nothing here orders or ranks. Documented in {@code docs/leaderboard-api.md}.
 */
final class HubLeaderboardJson {
    private final ObjectMapper mapper = new ObjectMapper();

    HubLeaderboardJson() {
        mapper.getFactory().setCharacterEscapes(new LeaderboardJson.HtmlSafeEscapes());
    }

    /**
     * Writes the list row by row to {@code out}, holding no copy of it (a board of 200,000 models is
     * tens of megabytes of JSON).
     *
     * @param rows one task's rows, ranked by the board
     * @param listed whether a row's model stays on the list (the base-model filter)
     */
    void leaderboard(List<Row> rows, Predicate<ModelKey> listed, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            for (Row row : rows) {
                if (listed.test(row.modelKey())) {
                    g.writeTree(entry(row));
                }
            }
            g.writeEndArray();
        }
    }

    /** One row of the list: a small tree, written and dropped. */
    private ObjectNode entry(Row row) {
        BoardEntry e = row.best();
        ObjectNode o = mapper.createObjectNode();
        o.put("rank", row.rank());
        o.put("modelId", row.modelRepo());
        o.put("value", e.value());
        o.put("filename", e.file());
        o.put("verified", e.tier() == Tier.VERIFIED);
        ObjectNode source = source(e);
        if (source != null) {
            o.set("source", source);
        }
        ObjectNode author = o.putObject("author");
        author.put("name", owner(row.modelRepo()));
        // evalbot does not know whether an owner is a user or an organisation.
        author.put("type", "user");
        if (openPull(e)) {
            o.put("pullRequest", e.prNumber());
        }
        if (e.notes() != null) {
            o.put("notes", e.notes());
        }
        o.put("platform", e.platform());
        o.put("tier", e.tier().label());
        o.put("logChecked", e.logChecked());
        return o;
    }

    /** @param results null when {@code evalResults} was not asked for */
    String modelInfo(String id, List<BoardEntry> results) {
        ObjectNode root = mapper.createObjectNode();
        root.put("id", id);
        root.put("modelId", id);
        if (results != null) {
            ArrayNode list = root.putArray("evalResults");
            for (BoardEntry e : results) {
                ObjectNode o = list.addObject();
                o.put("filename", e.file());
                o.put("verified", e.tier() == Tier.VERIFIED);
                if (openPull(e)) {
                    o.put("pullRequest", e.prNumber());
                }
                o.set("data", data(e));
                o.put("platform", e.platform());
                o.put("tier", e.tier().label());
                o.put("logChecked", e.logChecked());
            }
        }
        return write(root);
    }

    /** {@code {"error": message}}: the client puts the message in the error it raises. */
    String error(String message) {
        ObjectNode o = mapper.createObjectNode();
        o.put("error", message);
        return write(o);
    }

    /** The entry in the results file's own shape, from what evalbot keeps of it. */
    private ObjectNode data(BoardEntry e) {
        ObjectNode data = mapper.createObjectNode();
        ObjectNode dataset = data.putObject("dataset");
        dataset.put("id", e.datasetId());
        dataset.put("task_id", e.taskId());
        if (e.revision() != null) {
            dataset.put("revision", e.revision());
        }
        data.put("value", e.value());
        if (e.date() != null) {
            data.put("date", e.date().toString());
        }
        if (e.sourceUrl() != null) {
            ObjectNode source = data.putObject("source");
            source.put("url", e.sourceUrl().trim());
            if (e.sourceName() != null) {
                source.put("name", e.sourceName());
            }
        }
        if (e.notes() != null) {
            data.put("notes", e.notes());
        }
        return data;
    }

    private ObjectNode source(BoardEntry e) {
        // Same rule as the page: only an absolute https URL is passed on as a URL.
        String url = e.sourceUrl() != null && SourceRule.isAbsoluteHttps(e.sourceUrl()) ? e.sourceUrl().trim() : null;
        if (url == null && e.sourceName() == null) {
            return null;
        }
        ObjectNode source = mapper.createObjectNode();
        source.put("url", url);
        source.put("name", e.sourceName());
        source.put("isExternal", url != null && !onHub(url));
        return source;
    }

    /** The PR number while the entry waits in an open pull request; a merged one lives on the main branch. */
    private static boolean openPull(BoardEntry e) {
        return e.prNumber() > 0 && e.prState() == PrState.OPEN;
    }

    static boolean onHub(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("huggingface.co") || host.endsWith(".huggingface.co") || host.equals("hf.co");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String owner(String repo) {
        int slash = repo.indexOf('/');
        return slash < 0 ? repo : repo.substring(0, slash);
    }

    private String write(Object tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
