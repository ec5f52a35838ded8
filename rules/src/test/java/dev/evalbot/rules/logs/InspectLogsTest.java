package dev.evalbot.rules.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real logs written by Inspect AI (its repository's test logs, see resources/logs/inspect/ORIGIN.md),
 * and the same logs re-packed as Inspect writes them today (zstd), without a header (a run that never
 * finished), or as a run of a Hub dataset's eval.yaml.
 */
class InspectLogsTest {
    final InspectLogs logs = new InspectLogs(LogLimits.DEFAULT);

    RunLog eval(byte[] zip) throws IOException {
        return logs.readEval(ByteSource.of(zip), "run.eval");
    }

    RunLog json(String name) throws IOException {
        return logs.readJson(new ByteArrayInputStream(EvalZips.real(name)), name, false);
    }

    @Test
    void aDeflateEvalLogIsReadFromItsHeader() throws Exception {
        RunLog log = eval(EvalZips.real("popularity.eval"));
        assertEquals("success", log.status());
        assertEquals("popularity", log.task());
        assertEquals("openai/gpt-4o-mini", log.model());
        assertEquals("gpt-4o-mini", log.modelId());
        assertEquals("2025-02-11T15:18:04-05:00", log.created());
        assertEquals(List.of(new RunLog.Metric("match", "accuracy", 0.8),
                new RunLog.Metric("match", "stderr", 0.13333333333333333)), log.metrics());
        assertEquals(10, log.samples());
    }

    @Test
    void aZstdEvalLogInInspectsLayoutReadsTheSame() throws Exception {
        byte[] real = EvalZips.real("popularity.eval");
        byte[] zstd = EvalZips.repack(real, 93, (name, bytes) -> bytes);
        assertTrue(EvalArchive.open(ByteSource.of(zstd), LogLimits.DEFAULT, "z").directory().members().values().stream()
                .allMatch(m -> m.method() == 93));
        assertEquals(eval(real), eval(zstd));
        assertEquals(eval(EvalZips.real("mmlu_0_shot.eval")),
                eval(EvalZips.repack(EvalZips.real("mmlu_0_shot.eval"), 93, (name, bytes) -> bytes)));
    }

    @Test
    void aRunWithoutAHeaderIsReadFromItsJournalAsStarted() throws Exception {
        byte[] noHeader = EvalZips.repack(EvalZips.real("input_task.eval"), 93,
                (name, bytes) -> name.equals("header.json") ? null : bytes);
        RunLog log = eval(noHeader);
        assertEquals("started", log.status());
        assertEquals("input_task", log.task());
        assertEquals("openai/gpt-4o-mini", log.model());
        assertEquals(List.of(), log.metrics());
        assertEquals(1, log.samples());
        byte[] journalOnly = EvalZips.repack(EvalZips.real("popularity.eval"), 8,
                (name, bytes) -> name.equals("header.json") || name.equals("summaries.json") ? null : bytes);
        assertEquals(10, eval(journalOnly).samples(), "counted over _journal/summaries/*.json");
    }

    @Test
    void jsonLogsWithBareNaNAndTheOldResultsLayout() throws Exception {
        RunLog nan = json("log_with_nan.json");
        assertEquals("openai/gpt-4", nan.model());
        assertEquals(2, nan.metrics().size());
        assertEquals("model_graded_fact/accuracy", nan.metrics().get(0).qualified());
        assertTrue(Double.isNaN(nan.metrics().get(0).value()));
        RunLog formats = json("log_formats.json");
        assertEquals("success", formats.status());
        assertEquals(eval(EvalZips.real("log_formats.eval")).metrics(), formats.metrics());
        assertEquals("cancelled", json("popularity_cancelled.json").status());
    }

    @Test
    void aStreamingReadStopsAtTheResults() throws Exception {
        byte[] bytes = EvalZips.real("popularity_cancelled.json");
        CountingStream in = new CountingStream(bytes);
        RunLog log = logs.readJson(in, "p.json", true);
        assertEquals("cancelled", log.status());
        assertEquals(0.6666666666666666, log.metrics().get(0).value());
        assertTrue(in.consumed() < bytes.length / 2, "read " + in.consumed() + " of " + bytes.length);
    }

    @Test
    void aRunOfAHubDatasetsEvalYamlNamesItsRepositoryAndTask() throws Exception {
        byte[] hf = EvalZips.repack(EvalZips.real("mmlu_0_shot.eval"), 93, (name, bytes) -> name.equals("header.json")
                ? new String(bytes, StandardCharsets.UTF_8).replace("\"inspect_evals/mmlu_0_shot\"", "\"hf/cais/mmlu/anatomy\"")
                        .getBytes(StandardCharsets.UTF_8) : bytes);
        RunLog log = eval(hf);
        assertEquals(new HubTask("cais/mmlu", "anatomy"), HubTask.of(log).orElseThrow());
        assertEquals("cais/mmlu", log.datasetLocation());
        assertEquals(new HubTask("org/ds", null), HubTask.of(withTask("hf/org/ds@v1.2")).orElseThrow());
        assertTrue(HubTask.of(withTask("inspect_evals/gpqa")).isEmpty());
        assertTrue(HubTask.of(withTask("hf/just-one")).isEmpty());
    }

    static RunLog withTask(String task) {
        return new RunLog("success", task, null, null, "hf/a/b", null, java.util.Map.of(), java.util.Map.of(), null,
                null, List.of(), null);
    }

    @Test
    void brokenOrOversizedArchivesAreClearErrors() {
        byte[] real = EvalZips.real("popularity.eval");
        var cut = assertThrows(LogFormatException.class,
                () -> eval(java.util.Arrays.copyOf(real, real.length - 30)));
        assertTrue(cut.getMessage().startsWith("run.eval: "), cut.getMessage());
        var junk = assertThrows(LogFormatException.class, () -> eval("PK\3\4 not really".getBytes(StandardCharsets.UTF_8)));
        assertTrue(junk.getMessage().contains("not a zip archive"), junk.getMessage());
        var big = assertThrows(LogFormatException.class, () -> new InspectLogs(new LogLimits(1000, 1 << 20))
                .readEval(ByteSource.of(real), "run.eval"));
        assertTrue(big.getMessage().contains("header.json is 2364 bytes uncompressed, over the limit of 1000"),
                big.getMessage());
        var badJson = assertThrows(LogFormatException.class, () -> logs.readJson(
                new ByteArrayInputStream("{\"eval\": {\"task\": \"x\",}".getBytes(StandardCharsets.UTF_8)), "junk.json", false));
        assertTrue(badJson.getMessage().startsWith("junk.json:1:"), badJson.getMessage());
    }

    @Test
    void modelIdDropsTheProviderOnly() {
        assertEquals("meta-llama/Llama-3.1-8B", withModel("hf/meta-llama/Llama-3.1-8B").modelId());
        assertEquals("Qwen/Qwen3-8B", withModel("vllm/Qwen/Qwen3-8B").modelId());
        assertEquals("gpt-4o", withModel("openai/gpt-4o").modelId());
        assertNull(withModel(null).modelId());
    }

    static RunLog withModel(String model) {
        return new RunLog("success", "t", null, null, model, null, java.util.Map.of(), java.util.Map.of(), null, null,
                List.of(), null);
    }

    @Test
    void theCommittedDerivedLogsAreWhatEvalZipsMakes() throws Exception {
        for (var e : EvalZips.derived().entrySet()) {
            assertTrue(java.util.Arrays.equals(e.getValue(), EvalZips.real(e.getKey())),
                    e.getKey() + " differs from EvalZips.derived(): regenerate with EvalZips.main");
        }
    }

    /** An input stream that counts what its reader took. */
    static final class CountingStream extends ByteArrayInputStream {
        CountingStream(byte[] b) {
            super(b);
        }

        int consumed() {
            return pos;
        }
    }
}
