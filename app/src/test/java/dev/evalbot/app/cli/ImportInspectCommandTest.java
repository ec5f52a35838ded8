package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evalbot import inspect} on logs written here in Inspect AI's documented JSON log format
 * ({@code version}, {@code status}, {@code eval}, {@code plan}, {@code results}, {@code stats},
 * {@code samples}), one per metric shape; every printed entry must pass {@code evalbot validate}.
 */
class ImportInspectCommandTest {
    final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A log of one run: {@code metrics} are scorer metric name to value, in order. */
    ObjectNode log(String task, String datasetName, String datasetLocation, String model, String scorer,
            Map<String, Double> metrics) {
        ObjectNode root = json.createObjectNode();
        root.put("version", 2);
        root.put("status", "success");
        ObjectNode eval = root.putObject("eval");
        eval.put("run_id", "Fq3hNpYb2uVPfV7tbd8R2q");
        eval.put("created", "2026-01-15T10:22:33+01:00");
        eval.put("task", task);
        eval.put("task_id", "nGwRPxCu5KQZc9JqmHqPUS");
        eval.put("task_version", 0);
        eval.putObject("task_args").put("fewshot", 5);
        ObjectNode dataset = eval.putObject("dataset");
        dataset.put("name", datasetName);
        dataset.put("location", datasetLocation);
        dataset.put("samples", 198);
        eval.put("model", model);
        eval.putObject("model_generate_config");
        eval.putObject("config").put("epochs", 1);
        ObjectNode plan = root.putObject("plan");
        plan.put("name", "plan");
        ArrayNode steps = plan.putArray("steps");
        steps.addObject().put("solver", "use_tools").putObject("params").putArray("tools").add("python").add("bash");
        steps.addObject().put("solver", "generate").putObject("params");
        plan.putObject("config").put("temperature", 0.5).put("max_tokens", 4096);
        ObjectNode results = root.putObject("results");
        results.put("total_samples", 198);
        results.put("completed_samples", 198);
        ObjectNode score = results.putArray("scores").addObject();
        score.put("name", scorer);
        score.put("scorer", scorer);
        score.putObject("params");
        ObjectNode m = score.putObject("metrics");
        metrics.forEach((name, value) -> m.putObject(name).put("name", name).put("value", value).putObject("params"));
        root.putObject("stats").put("started_at", "2026-01-15T10:22:33+01:00").put("completed_at", "2026-01-15T10:41:02+01:00");
        // The samples are the bulk of a real log: the import skips them.
        ArrayNode samples = root.putArray("samples");
        for (int i = 0; i < 3; i++) {
            samples.addObject().put("id", i).put("epoch", 1).put("input", "question " + i).put("target", "A");
        }
        return root;
    }

    Path write(String name, ObjectNode log) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(log));
        return file;
    }

    CliRunner importInspect(String config, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "import";
        all[1] = "inspect";
        all[2] = "--config";
        all[3] = config;
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRunner.run(all);
    }

    /** The printed YAML, saved as a results file, passes {@code evalbot validate} without errors. */
    void validates(String config, String yaml) throws IOException {
        Path results = Files.createDirectories(tmp.resolve("model/.eval_results"));
        Path file = Files.writeString(results.resolve("imported-" + System.nanoTime() + ".yaml"), yaml);
        CliRunner v = CliRunner.run("validate", "--config", config, file.toString());
        assertEquals(0, v.exit(), v.out() + v.err());
        assertTrue(v.out().contains("0 error(s), 0 warning(s)"), v.out());
    }

    @Test
    void accuracyAsAFractionOnATaskOfZeroToOne() throws Exception {
        Path file = write("gpqa.json", log("inspect_evals/gpqa_diamond", "gpqa_diamond",
                "https://openaipublic.blob.core.windows.net/simple-evals/gpqa_diamond.csv", "openai/gpt-4o-2024-08-06",
                "choice", Map.of("accuracy", 0.412)));
        CliRunner r = importInspect(ValidateCommandTest.CONFIG, file.toString());
        assertEquals(0, r.exit(), r.err());
        String y = r.out();
        assertTrue(y.contains("    id: \"Idavidrein/gpqa\"\n    task_id: \"gpqa_diamond\"\n  value: 0.412\n"), y);
        assertTrue(y.contains("  date: \"2026-01-15T09:22:33Z\"\n"), y);
        assertTrue(y.contains("  notes: \"gpt-4o-2024-08-06 via openai; temperature 0.5; max tokens 4096; 5-shot; "
                + "tools: python, bash; Inspect AI\"\n"), y);
        assertTrue(y.contains("  # source:"), "source is left for the user, with a hint: " + y);
        validates(ValidateCommandTest.CONFIG, y);
    }

    @Test
    void accuracyAsAFractionOnATaskOfZeroToHundredIsScaled() throws Exception {
        Path file = write("hle.json", log("inspect_evals/hle", "cais/hle", "cais/hle", "anthropic/claude-sonnet-4",
                "model_graded", Map.of("accuracy", 0.209, "stderr", 0.011)));
        CliRunner r = importInspect(ValidateCommandTest.CONFIG, file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    id: \"cais/hle\"\n    task_id: \"hle\"\n  value: 20.9\n"), r.out());
        validates(ValidateCommandTest.CONFIG, r.out());
    }

    @Test
    void aScoreOnZeroToHundredStaysAsItIs() throws Exception {
        Path file = write("mmlu.json", log("mmlu_pro", "TIGER-Lab/MMLU-Pro", "TIGER-Lab/MMLU-Pro",
                "hf/Qwen/Qwen2.5-7B-Instruct", "score", Map.of("score", 56.25)));
        CliRunner r = importInspect(ValidateCommandTest.CONFIG, file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    id: \"TIGER-Lab/MMLU-Pro\"\n    task_id: \"mmlu_pro\"\n  value: 56.25\n"), r.out());
        assertTrue(r.out().contains("notes: \"Qwen/Qwen2.5-7B-Instruct via hf;"), r.out());
        validates(ValidateCommandTest.CONFIG, r.out());
    }

    /** A configuration with one benchmark whose metric, word error rate, is lower-is-better. */
    String lowerIsBetterConfig() throws IOException {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(config.resolve("evalbot.yaml"), "registry:\n  benchmarks: [openslr/librispeech_asr]\n");
        Path bench = Files.createDirectories(config.resolve("benchmarks/openslr/librispeech_asr"));
        Files.writeString(bench.resolve("eval.yaml"), """
                name: LibriSpeech
                description: Read English speech; word error rate on test-clean.
                evaluation_framework: open-asr-leaderboard
                metrics:
                  - id: wer
                    name: word error rate
                    lower_is_better: true
                tasks:
                  - id: test_clean
                    field_spec: {input: audio, target: text}
                    solvers: [{name: generate}]
                    scorers: [{name: wer}]
                """);
        return config.toString();
    }

    @Test
    void aLowerIsBetterMetricIsChosenForALowerIsBetterTask() throws Exception {
        String config = lowerIsBetterConfig();
        Path file = write("asr.json", log("asr_evals/librispeech", "librispeech", "openslr/librispeech_asr",
                "openai/whisper-large-v3", "transcript", Map.of("accuracy", 0.61, "wer", 0.0832)));
        CliRunner r = importInspect(config, "--task", "test_clean", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    id: \"openslr/librispeech_asr\"\n    task_id: \"test_clean\"\n  value: 0.0832\n"),
                r.out());
        assertTrue(r.out().contains("lower is better"), r.out());
        validates(config, r.out());

        CliRunner wrong = importInspect(config, "--task", "test_clean", "--metric", "accuracy", file.toString());
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().contains("'transcript/accuracy' is higher-is-better") && wrong.err().contains("--metric"),
                wrong.err());
        assertEquals("", wrong.out());
    }

    @Test
    void whatCannotBeInferredNamesTheFlagThatSuppliesIt() throws Exception {
        Path unknown = write("unknown.json", log("my_private_eval", "mine", "./data.jsonl", "openai/gpt-4o", "match",
                Map.of("accuracy", 0.5)));
        CliRunner r = importInspect(ValidateCommandTest.CONFIG, unknown.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("my_private_eval") && r.err().contains("--dataset ID --task ID"), r.err());
        assertTrue(!r.err().contains("Exception") && r.out().isEmpty(), r.err());

        CliRunner badTask = importInspect(ValidateCommandTest.CONFIG, "--dataset", "cais/hle", "--task", "hel",
                unknown.toString());
        assertTrue(badTask.err().contains("--task hel is not a task of cais/hle (its tasks: hle)"), badTask.err());

        Path ambiguous = write("ambiguous.json", log("inspect_evals/hle", "cais/hle", "cais/hle", "openai/gpt-4o",
                "judge", Map.of("grade", 0.8)));
        CliRunner scale = importInspect(ValidateCommandTest.CONFIG, ambiguous.toString());
        assertEquals(2, scale.exit());
        assertTrue(scale.err().contains("--scale fraction or --scale percent"), scale.err());
        CliRunner given = importInspect(ValidateCommandTest.CONFIG, "--scale", "percent", ambiguous.toString());
        assertEquals(0, given.exit(), given.err());
        assertTrue(given.out().contains("  value: 0.8\n"), given.out());
    }

    @Test
    void aBrokenEvalZipLogOrJunkIsAClearErrorNotAStackTrace() throws Exception {
        Path zip = Files.write(tmp.resolve("run.eval"), new byte[] {'P', 'K', 3, 4, 0, 0});
        CliRunner r = importInspect(ValidateCommandTest.CONFIG, zip.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("run.eval: not a zip archive"), r.err());
        assertTrue(!r.err().contains("Exception") && r.out().isEmpty(), r.err());
        Path junk = Files.writeString(tmp.resolve("junk.json"), "{\"eval\": {\"task\": \"x\",}");
        CliRunner j = importInspect(ValidateCommandTest.CONFIG, junk.toString());
        assertEquals(2, j.exit());
        assertTrue(j.err().contains("junk.json:1:") && j.err().contains("not an Inspect AI JSON log"), j.err());
        ObjectNode failed = log("inspect_evals/hle", "cais/hle", "cais/hle", "openai/gpt-4o", "judge", Map.of("accuracy", 0.1));
        failed.put("status", "error");
        CliRunner f = importInspect(ValidateCommandTest.CONFIG, write("failed.json", failed).toString());
        assertEquals(2, f.exit());
        assertTrue(f.err().contains("did not finish (status error)"), f.err());
    }
}
