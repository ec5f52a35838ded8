package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evalbot import lighteval} on lighteval's own example results file
 * (rules/src/test/resources/logs/lighteval/ORIGIN.md), and on it as a run of another model with a
 * score and lighteval's file name.
 */
class ImportLightevalCommandTest {
    static final Path REAL = Path.of("../rules/src/test/resources/logs/lighteval/results_gpt2_gsm8k.json");

    @TempDir
    Path tmp;

    CliRunner run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "import";
        all[1] = "lighteval";
        all[2] = "--config";
        all[3] = ValidateCommandTest.CONFIG;
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRunner.run(all);
    }

    @Test
    void theDocumentedResultsFileBecomesAGsm8kEntry() throws Exception {
        CliRunner r = run("--date", "2024-05-01", REAL.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    id: \"openai/gsm8k\"\n    task_id: \"gsm8k\"\n  value: 0\n"), r.out());
        assertTrue(r.out().contains("  notes: \"gpt2; 0-shot; lighteval\"\n"), r.out());
        assertTrue(r.out().contains("lighteval/em = 0.0"), r.out());
    }

    @Test
    void aFractionIsScaledAndTheDateComesFromTheFileName() throws Exception {
        Path file = Files.writeString(tmp.resolve("results_2026-01-15T10-22-33.123456.json"), Files.readString(REAL)
                .replace("\"model_name\": \"gpt2\"", "\"model_name\": \"HuggingFaceTB/SmolLM2-1.7B-Instruct\"")
                .replace("\"em\": 0.0,", "\"em\": 0.4124,"));
        CliRunner r = run(file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  value: 41.24\n  date: \"2026-01-15T10:22:33Z\"\n"), r.out());
        assertTrue(r.out().contains("notes: \"HuggingFaceTB/SmolLM2-1.7B-Instruct; 0-shot; lighteval\""), r.out());
    }

    @Test
    void withoutADateItSaysWhichFlagGivesIt() {
        CliRunner r = run(REAL.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("evalbot import lighteval: ") && r.err().contains("--date YYYY-MM-DD"), r.err());
        // lighteval files have no eval.created: the message says where the date was looked for.
        assertTrue(r.err().contains("the file's name has no timestamp (lighteval writes results_<timestamp>.json)")
                && !r.err().contains("eval.created"), r.err());
    }
}
