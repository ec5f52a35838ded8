package dev.evalbot.rules.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** lighteval's results file (its documentation's example, see resources/logs/lighteval/ORIGIN.md). */
class LightevalResultsTest {
    static final Path FILE = Path.of("src/test/resources/logs/lighteval/results_gpt2_gsm8k.json");
    final InspectLogs logs = new InspectLogs(LogLimits.DEFAULT);

    @Test
    void oneRunPerTaskWithoutTheAggregateOrStderr() throws Exception {
        List<RunLog> runs = logs.readJsonRuns(Files.newInputStream(FILE), FILE.toString(), true);
        assertEquals(1, runs.size());
        RunLog run = runs.get(0);
        assertEquals("success", run.status());
        assertEquals("gsm8k", run.task());
        assertEquals("gsm8k", run.datasetLocation(), "config_tasks[lighteval|gsm8k].hf_repo");
        assertEquals("main", run.datasetName());
        assertEquals("gpt2", run.model());
        assertEquals("gpt2", run.modelId(), "lighteval names the model without a provider");
        assertEquals("lighteval", run.framework());
        assertEquals(Map.of("num_fewshot", 0), run.taskArgs());
        assertEquals(List.of(new RunLog.Metric("lighteval", "em", 0.0), new RunLog.Metric("lighteval", "maj@8", 0.0)),
                run.metrics());
        assertNull(run.created(), "the example was renamed: no timestamp in its name");
    }

    @Test
    void theDateIsInLightevalsFileNameAndSuitesAreDropped() throws Exception {
        String json = Files.readString(FILE).replace("\"gsm8k|0\"", "\"lighteval|gsm8k|5\"");
        List<RunLog> runs = logs.readJsonRuns(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "out/results/gpt2/results_2026-01-15T10-22-33.123456.json", false);
        assertEquals("gsm8k", runs.get(0).task());
        assertEquals(Map.of("num_fewshot", 5), runs.get(0).taskArgs());
        assertEquals("2026-01-15T10:22:33", runs.get(0).created());
    }

    @Test
    void aFileWithoutTaskResultsIsAClearError() {
        String json = "{\"config_general\": {\"model_name\": \"gpt2\"}, \"results\": {\"all\": {\"em\": 0.1}}}";
        var e = assertThrows(LogFormatException.class, () -> logs.readJsonRuns(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "r.json", false));
        assertTrue(e.getMessage().contains("r.json: a lighteval results file without task results"), e.getMessage());
    }
}
