package dev.evalbot.app.cli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportModelIndexCommandTest {
    static final String CONFIG = "../config";

    static final String CARD = """
            ---
            language: en
            model-index:
            - name: org/model
              results:
              - task: {type: text-generation}
                dataset:
                  name: HLE
                  type: cais/hle
                  config: default
                  split: test
                metrics:
                - type: accuracy
                  value: 20.9
                  verifyToken: eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJvcmcvbW9kZWwifQ.c2ln
                source:
                  url: https://lastexam.ai
                  name: HLE leaderboard
              - dataset: {type: openai/gsm8k, name: GSM8K, config: main, split: test}
                metrics:
                - {type: exact_match, name: strict, value: 56.8}
                - {type: exact_match, name: flexible, value: 61.0}
                - {type: exact_match, name: strict, value: 56.8}
              - dataset: {type: allenai/ai2_arc, name: ARC, config: ARC-Challenge}
                metrics:
                - {type: acc_norm, value: 64.2}
            ---
            # org/model

            A model.
            """;

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path model() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("README.md"), CARD);
        return model;
    }

    @Test
    void printsValidEntriesAndListsWhatItCouldNotImport() throws IOException {
        Path model = model();
        Run r = run("import", "model-index", "--config", CONFIG, model.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("- dataset:\n    id: cais/hle\n    task_id: hle\n"), r.out());
        assertTrue(r.out().contains("  verifyToken: eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJvcmcvbW9kZWwifQ.c2ln\n"), r.out());
        assertTrue(r.out().contains("  notes: flexible\n"), r.out());
        assertTrue(r.err().contains(model.resolve("README.md") + ":23:7: not imported: strict on openai/gsm8k: "
                + "a duplicate of the metric on line 21"), r.err());
        assertTrue(r.err().contains(":26:7: not imported: acc_norm on allenai/ai2_arc: allenai/ai2_arc is not a "
                + "registered benchmark"), r.err());
        assertTrue(r.err().contains("3 imported, 2 not imported"), r.err());

        // What it printed passes `evalbot validate` with neither error nor warning.
        Path printed = Files.createDirectories(tmp.resolve("check/.eval_results")).resolve("imported.yaml");
        Files.writeString(printed, r.out());
        Run validate = run("validate", "--config", CONFIG, printed.toString());
        assertEquals(0, validate.exit(), validate.out());
        assertTrue(validate.out().contains("0 error(s), 0 warning(s)"), validate.out());
    }

    @Test
    void writeMakesOneFilePerBenchmarkAndNeverOverwritesWithoutForce() throws IOException {
        Path model = model();
        Run r = run("import", "model-index", "--config", CONFIG, "--write", model.resolve("README.md").toString());
        assertEquals(1, r.exit(), r.err());
        Path hle = model.resolve(".eval_results/hle.yaml");
        Path gsm8k = model.resolve(".eval_results/gsm8k.yaml");
        assertTrue(Files.isRegularFile(hle) && Files.isRegularFile(gsm8k), r.out());
        assertTrue(r.out().contains("wrote " + hle.toAbsolutePath()), r.out());
        Run validate = run("validate", "--config", CONFIG, model.toString());
        assertEquals(0, validate.exit(), validate.out());
        assertTrue(validate.out().contains("0 error(s), 0 warning(s)"), validate.out());

        String mine = "# mine\n- dataset: {id: cais/hle, task_id: hle}\n  value: 12.5\n  notes: by hand, pass@1\n";
        Files.writeString(hle, mine);
        Files.writeString(gsm8k, "[]\n");
        Run again = run("import", "model-index", "--config", CONFIG, "--write", model.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("hle.yaml exists; nothing written (--force merges into it: the entries imported "
                + "again are replaced, every other entry is kept)"), again.err());
        assertEquals(mine, Files.readString(hle));

        // --force keeps the hand-written entry; a file it cannot merge stops every write, with the reason.
        Run refused = run("import", "model-index", "--config", CONFIG, "--write", "--force", model.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("gsm8k.yaml: not merged: its entries are written as a flow list"), refused.err());
        assertEquals(mine, Files.readString(hle));

        Files.delete(gsm8k);
        Run forced = run("import", "model-index", "--config", CONFIG, "--write", "--force", model.toString());
        assertEquals(1, forced.exit(), forced.err());
        assertTrue(forced.out().contains("updated " + hle.toAbsolutePath() + ": 0 replaced, 1 kept, 1 added"), forced.out());
        assertTrue(Files.readString(hle).startsWith(mine + "- dataset:\n    id: cais/hle"), Files.readString(hle));
        Run twice = run("import", "model-index", "--config", CONFIG, "--write", "--force", model.toString());
        assertTrue(twice.out().contains("updated " + hle.toAbsolutePath() + ": 1 replaced, 1 kept, 0 added"), twice.out());
        Run merged = run("validate", "--config", CONFIG, model.toString());
        assertEquals(0, merged.exit(), merged.out());
        assertTrue(merged.out().contains("4 entries: 0 error(s), 0 warning(s)"), merged.out());
    }

    @Test
    void percentagesOnAFractionTaskAreRescaledAndSaidSo() throws IOException {
        Path card = tmp.resolve("README.md");
        Files.writeString(card, "---\nmodel-index:\n- name: m\n  results:\n  - dataset: {type: Idavidrein/gpqa, "
                + "config: gpqa_diamond, split: train}\n    metrics: [{type: accuracy, value: 41.2}]\n  - dataset: {type: cais/hle}\n"
                + "    metrics: [{type: score, value: 0.5}]\n---\n");
        Run r = run("import", "model-index", "--config", CONFIG, card.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("  value: 0.412\n"), r.out());
        assertTrue(r.err().contains(card + ":6:39: rescaled: accuracy on Idavidrein/gpqa: 41.2 read as a percentage, "
                + "written as 0.412 (Idavidrein/gpqa task gpqa_diamond is on 0..1)"), r.err());
        assertTrue(r.err().contains(":8:36: not imported: score on cais/hle: its value 0.5 could be a fraction or a "
                + "percentage"), r.err());
        Run percent = run("import", "model-index", "--config", CONFIG, "--scale", "percent", card.toString());
        assertEquals(0, percent.exit(), percent.err());
        assertTrue(percent.out().contains("  value: 0.5\n"), percent.out());
        Run bad = run("import", "model-index", "--config", CONFIG, "--scale", "ratio", card.toString());
        assertEquals(2, bad.exit());
        assertEquals("evalbot: --scale is fraction or percent, not 'ratio'", bad.err().strip());
    }

    @Test
    void malformedFrontMatterIsAClearErrorWithLineAndColumn() throws IOException {
        Path card = tmp.resolve("README.md");
        Files.writeString(card, "---\nlicense: mit\nmodel-index:\n  - name: m\n    results: [\n      {dataset: {type: cais/hle}\n---\n");
        Run r = run("import", "model-index", "--config", CONFIG, card.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().matches("(?s)" + java.util.regex.Pattern.quote(card.toString())
                + ":[67]:\\d+: error: the front matter is not valid YAML: .*"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aRepositoryWithoutACardOrACardWithoutModelIndexSaysSo() throws IOException {
        Run none = run("import", "model-index", "--config", CONFIG, tmp.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("README.md: no such file"), none.err());
        Files.writeString(tmp.resolve("README.md"), "---\nlicense: mit\n---\n# hi\n");
        Run noIndex = run("import", "model-index", "--config", CONFIG, tmp.toString());
        assertEquals(2, noIndex.exit());
        assertTrue(noIndex.err().contains("README.md:2:1: error: the front matter has no model-index"), noIndex.err());
    }
}
