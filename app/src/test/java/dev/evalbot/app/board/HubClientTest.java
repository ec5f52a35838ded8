package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.HubClientRun;
import dev.evalbot.app.PythonTools;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.BoardSummary;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hub's official Python client ({@code huggingface_hub} 2.x, from the venv that {@code .ci/run}
 * prepares) pointed at evalbot: {@code HfApi(endpoint=...)} reads every board in evalbot's order
 * with its values, and a model's eval results; an unknown benchmark or model raises its 404 error.
 * Skipped, saying why, where the venv is absent ({@link HubLeaderboardJsonTest} holds the shapes then).
 */
class HubClientTest {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> MODELS = List.of("lab/alpha", "lab/beta", "lab/gamma", "lab/alpha-ft");

    @TempDir
    Path tmp;
    HubApiFixture fixture;

    @BeforeEach
    void start() {
        fixture = new HubApiFixture(tmp);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theOfficialClientReadsEveryBoardAndModelAsEvalbotRanksThem() throws Exception {
        Path python = PythonTools.requirePython();
        JsonNode read = HubClientRun.read(python, tmp, fixture.endpoint, MODELS);

        List<String> benchmarks = fixture.boards.summaries().stream().map(BoardSummary::benchmarkId).toList();
        assertEquals(Set.of(HubApiFixture.MULTI, HubApiFixture.SINGLE, HubApiFixture.FIRST_EMPTY),
                Set.copyOf(benchmarks));
        assertEquals(benchmarks.size(), read.get("boards").size(), read.toString());
        Predicate<Row> notDerived = r -> !r.modelRepo().equals("lab/alpha-ft");
        for (String id : benchmarks) {
            Leaderboard board = fixture.boards.leaderboard(id).orElseThrow();
            JsonNode got = read.get("boards").get(id);
            for (TaskBoard task : board.tasks()) {
                assertEquals(expected(task.rows(), r -> true), got.at("/tasks/" + task.taskId()),
                        id + " " + task.taskId());
            }
            // The Hub's default board is the first task its eval.yaml declares.
            String first = HubApiFixture.DEFINITIONS.get(id).tasks().get(0).id();
            List<Row> firstRows = board.task(first).map(TaskBoard::rows).orElse(List.of());
            assertEquals(expected(firstRows, r -> true), got.get("all"), id + " base_model_only=False");
            assertEquals(expected(firstRows, notDerived), got.get("default"), id + " by default");
        }

        // What the comparison above rests on, spelled out once: ties share a rank, the derived model
        // leads acc but is off the default list, the withdrawn report is on no list.
        JsonNode acc = read.at("/boards/bench~1multi/tasks/acc");
        assertEquals(List.of("lab/alpha-ft", "lab/alpha", "lab/beta", "lab/gamma"), modelIds(acc));
        assertEquals(List.of(1, 2, 2, 4), ranks(acc));
        assertEquals(List.of("lab/alpha", "lab/beta", "lab/gamma"),
                modelIds(read.at("/boards/bench~1multi/default")));
        assertEquals(List.of(1, 1, 3), ranks(read.at("/boards/bench~1multi/tasks/err")));
        assertEquals(0, read.at("/boards/bench~1first-empty/default").size());
        JsonNode alpha = acc.get(1);
        assertEquals("User", alpha.get("author_class").asText());
        assertEquals("lab", alpha.get("author_name").asText());
        assertFalse(alpha.at("/source/isExternal").asBoolean(), "a source on huggingface.co is not external");
        JsonNode beta = acc.get(2);
        assertTrue(beta.at("/source/isExternal").asBoolean());
        assertEquals(7, beta.get("pull_request").asInt());
        assertEquals("<script>alert(1)</script> & co", beta.get("notes").asText());

        for (String model : MODELS) {
            JsonNode info = read.at("/models/" + model.replace("/", "~1"));
            assertEquals(model, info.get("id").asText());
            assertEquals(expectedResults(model), info.get("eval_results"), model);
        }
        assertEquals(4, read.at("/models/lab~1alpha/eval_results").size(), "both acc reports, err and t1");

        for (String unknown : List.of("unknown_benchmark", "unknown_model")) {
            JsonNode raised = read.get(unknown);
            assertEquals("RepositoryNotFoundError", raised.get("class").asText(), raised.toString());
            assertEquals(404, raised.get("status").asInt());
        }
        assertTrue(read.at("/unknown_benchmark/message").asText()
                .contains("dataset nobody/no-such-benchmark is not a benchmark evalbot knows"), read.toString());
    }

    /** A task's rows as the client parses them: the shown report of each, in the board's order. */
    static ArrayNode expected(List<Row> rows, Predicate<Row> listed) {
        ArrayNode out = NODES.arrayNode();
        for (Row row : rows) {
            if (!listed.test(row)) {
                continue;
            }
            BoardEntry e = row.best();
            ObjectNode o = out.addObject();
            o.put("rank", row.rank());
            o.put("model_id", row.modelRepo());
            o.put("value", e.value());
            o.put("filename", e.file());
            o.put("verified", e.tier() == Tier.VERIFIED);
            if (e.sourceUrl() == null && e.sourceName() == null) {
                o.putNull("source");
            } else {
                ObjectNode source = o.putObject("source");
                source.put("url", e.sourceUrl());
                source.put("name", e.sourceName());
                source.put("isExternal", e.sourceUrl() != null && !e.sourceUrl().startsWith("https://huggingface.co/"));
            }
            o.put("author_class", "User");
            o.put("author_name", row.modelRepo().substring(0, row.modelRepo().indexOf('/')));
            if (e.prState() == PrState.OPEN && e.prNumber() > 0) {
                o.put("pull_request", e.prNumber());
            } else {
                o.putNull("pull_request");
            }
            o.put("notes", e.notes());
        }
        return out;
    }

    /** Every eligible report of the model, as the client's EvalResultEntry, benchmark by benchmark. */
    private ArrayNode expectedResults(String model) {
        ArrayNode out = NODES.arrayNode();
        for (BoardSummary summary : fixture.boards.summaries()) {
            for (TaskBoard task : fixture.boards.leaderboard(summary.benchmarkId()).orElseThrow().tasks()) {
                for (Row row : task.rows()) {
                    if (!row.modelRepo().equals(model)) {
                        continue;
                    }
                    List<BoardEntry> reports = new ArrayList<>();
                    reports.add(row.best());
                    reports.addAll(row.others());
                    for (BoardEntry e : reports) {
                        ObjectNode o = out.addObject();
                        o.put("dataset_id", e.datasetId());
                        o.put("task_id", e.taskId());
                        o.put("value", e.value());
                        o.put("dataset_revision", e.revision());
                        o.putNull("verify_token");
                        o.put("date", e.date() == null ? null : e.date().toString());
                        o.put("source_url", e.sourceUrl());
                        o.put("source_name", e.sourceName());
                        o.putNull("source_user");
                        o.putNull("source_org");
                        o.put("notes", e.notes());
                    }
                }
            }
        }
        return out;
    }

    private static List<String> modelIds(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(e.get("model_id").asText()));
        return out;
    }

    private static List<Integer> ranks(JsonNode list) {
        List<Integer> out = new ArrayList<>();
        list.forEach(e -> out.add(e.get("rank").asInt()));
        return out;
    }
}
