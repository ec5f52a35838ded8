package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evalbot import inspect} on logs written by Inspect AI itself (its repository's test logs,
 * see rules/src/test/resources/logs/inspect/ORIGIN.md), as {@code .eval} (deflate, and re-packed
 * with zstd as Inspect writes today), JSON with {@code NaN}, a directory of logs, and a run of a Hub
 * dataset's eval.yaml.
 */
class ImportInspectLogsTest {
    static final Path REAL = Path.of("../rules/src/test/resources/logs/inspect");

    @TempDir
    Path tmp;
    String config;

    /** Two benchmarks the real logs ran: Inspect's example "popularity" task, and cais/mmlu (two tasks). */
    @BeforeEach
    void config() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(dir.resolve("evalbot.yaml"), """
                registry:
                  benchmarks: [example/popularity, cais/mmlu]
                benchmarks:
                  example/popularity:
                    tasks:
                      popularity: {range: [0, 1]}
                  cais/mmlu:
                    tasks:
                      mmlu_0_shot: {range: [0, 100]}
                      anatomy: {range: [0, 100]}
                """);
        benchmark(dir, "example/popularity", "popularity");
        benchmark(dir, "cais/mmlu", "mmlu_0_shot", "anatomy");
        config = dir.toString();
    }

    static void benchmark(Path config, String id, String... tasks) throws IOException {
        Path b = Files.createDirectories(config.resolve("benchmarks").resolve(id));
        StringBuilder y = new StringBuilder("name: " + id + "\ndescription: test benchmark.\n"
                + "evaluation_framework: inspect-ai\ntasks:\n");
        for (String t : tasks) {
            y.append("  - id: ").append(t).append("\n    field_spec: {input: question, target: answer}\n")
                    .append("    solvers: [{name: generate}]\n    scorers: [{name: match}]\n");
        }
        Files.writeString(b.resolve("eval.yaml"), y.toString());
    }

    CliRunner importInspect(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "import";
        all[1] = "inspect";
        all[2] = "--config";
        all[3] = config;
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRunner.run(all);
    }

    Path copy(String name) throws IOException {
        return Files.copy(REAL.resolve(name), tmp.resolve(name));
    }

    @Test
    void aRealDeflateEvalLog() throws Exception {
        CliRunner r = importInspect(copy("popularity.eval").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    id: \"example/popularity\"\n    task_id: \"popularity\"\n  value: 0.8\n"), r.out());
        assertTrue(r.out().contains("  date: \"2025-02-11T20:18:04Z\"\n"), r.out());
        assertTrue(r.out().contains("notes: \"gpt-4o-mini via openai;"), r.out());
    }

    @Test
    void theSameLogWrittenWithZstdGivesTheSameEntry() throws Exception {
        Path zstd = Files.copy(REAL.resolve("mmlu_0_shot.zstd.eval"), tmp.resolve("mmlu.eval"));
        CliRunner deflate = importInspect(copy("mmlu_0_shot.eval").toString());
        CliRunner z = importInspect(zstd.toString());
        assertEquals(0, z.exit(), z.err());
        assertTrue(z.out().contains("    id: \"cais/mmlu\"\n    task_id: \"mmlu_0_shot\"\n  value: 0\n"), z.out());
        assertEquals(deflate.out().replace("mmlu_0_shot.eval", "mmlu.eval"), z.out());
    }

    @Test
    void aRunOfAHubDatasetsEvalYamlFindsItsBenchmarkWithoutFlags() throws Exception {
        CliRunner r = importInspect(copy("hf_mmlu_anatomy.zstd.eval").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    id: \"cais/mmlu\"\n    task_id: \"anatomy\"\n"), r.out());
        assertTrue(r.out().contains("task hf/cais/mmlu/anatomy"), r.out());
    }

    @Test
    void aDirectoryOfLogsIsOneEntryPerLog() throws Exception {
        Path set = Files.createDirectories(tmp.resolve("eval-set"));
        Files.copy(REAL.resolve("popularity.eval"), set.resolve("a.eval"));
        Files.copy(REAL.resolve("log_formats.json"), set.resolve("b.json"));
        Files.writeString(set.resolve("eval-set.json"), "{\"eval_set_id\": \"x\", \"tasks\": []}");
        Files.writeString(set.resolve("logs.json"), "{}");
        CliRunner r = importInspect(set.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.out().split("- dataset:", -1).length - 1, r.out());
        assertTrue(r.out().contains("# from a.eval") && r.out().contains("# from b.json"), r.out());
        assertTrue(r.out().contains("  value: 0.8\n") && r.out().contains("  value: 0\n"), r.out());
        CliRunner empty = importInspect(Files.createDirectories(tmp.resolve("empty")).toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no Inspect logs (*.eval, *.json) in this directory"), empty.err());
    }

    @Test
    void aNaNMetricIsNamedNotAParserError() throws Exception {
        CliRunner r = importInspect("--dataset", "example/popularity", copy("log_with_nan.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("metric 'model_graded_fact/accuracy' is NaN in the log"), r.err());
        assertTrue(!r.err().contains("JsonReadFeature") && r.out().isEmpty(), r.err());
    }

    @Test
    void unfinishedRunsAreRefused() throws Exception {
        CliRunner cancelled = importInspect(copy("popularity_cancelled.json").toString());
        assertEquals(2, cancelled.exit());
        assertTrue(cancelled.err().contains("did not finish (status cancelled) after 3 samples"), cancelled.err());
        CliRunner started = importInspect(copy("popularity_running.zstd.eval").toString());
        assertEquals(2, started.exit());
        assertTrue(started.err().contains("did not finish (status started) after 10 samples"), started.err());
    }
}
