package dev.evalbot.rules.modelindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.scale.ValueScale;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCardImporterTest {
    /** A benchmark with two tasks on one config, told apart only by split. */
    private static final String TWO_SPLITS = """
            name: Two splits
            description: d
            evaluation_framework: inspect-ai
            tasks:
              - {id: dev_task, config: default, split: dev, field_spec: {input: q, target: a}, solvers: [{name: generate}], scorers: [{name: match}]}
              - {id: test_task, config: default, split: test, field_spec: {input: q, target: a}, solvers: [{name: generate}], scorers: [{name: match}]}
            """;

    static final String CARD = """
            ---
            license: apache-2.0
            model-index:
            - name: org/model
              results:
              - task:
                  type: text-generation
                dataset:
                  name: Humanity's Last Exam
                  type: cais/hle
                  config: default
                  split: test
                  revision: 5503434ddd753f426f4b38109466949a1217c2bb
                metrics:
                - type: accuracy
                  name: Accuracy (no tools)
                  value: 20.90
                  verified: true
                  verifyToken: eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJvcmcvbW9kZWwifQ.c2ln
                - type: accuracy
                  name: Accuracy (tools)
                  value: 26.1
                source:
                  url: https://lastexam.ai
                  name: 'HLE: leaderboard'
              - dataset: {type: openai/gsm8k, name: GSM8K, config: main, split: test}
                metrics:
                - {type: exact_match, value: 56.8, args: {num_few_shot: 5}}
                - {type: exact_match, value: 56.8, args: {num_few_shot: 5}}
              - dataset: {type: rajpurkar/squad, name: SQuAD}
                metrics:
                - {type: f1, value: 88.5}
              - dataset: {type: TIGER-Lab/MMLU-Pro, name: MMLU-Pro}
                metrics:
                - {type: acc, name: 0-shot, value: "71.2 ± 0.4"}
                - {type: acc, name: 5-shot, value: 71.2}
              - dataset: {type: Idavidrein/gpqa, config: gpqa_main, split: train}
                metrics:
                - {type: acc, value: 0.41}
            ---
            # org/model
            """;

    private static ModelCardImporter importer() {
        return importer(Fixtures.registry());
    }

    private static ModelCardImporter importer(StaticRegistry registry) {
        RulesConfig config = Fixtures.config();
        return new ModelCardImporter(registry, new ResultsValidator(config, registry, Fixtures.CLOCK));
    }

    private static ModelCardImport.Done done(ModelCardImport outcome) {
        return assertInstanceOf(ModelCardImport.Done.class, outcome, () -> outcome.toString());
    }

    @Test
    void registeredDatasetsBecomeEntriesAndEverythingElseIsListedWithItsReason() {
        ModelCardImport.Done done = done(importer().read(CARD));
        List<ImportedEntry> e = done.entries();
        assertEquals(4, e.size(), e::toString);
        // HLE: config/split resolved to task hle; two metrics on one task told apart by their names.
        assertEquals("cais/hle", e.get(0).datasetId());
        assertEquals("hle", e.get(0).taskId());
        assertEquals("20.90", e.get(0).value());
        assertEquals("Accuracy (no tools)", e.get(0).notes());
        assertEquals("eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJvcmcvbW9kZWwifQ.c2ln", e.get(0).verifyToken());
        assertEquals("5503434ddd753f426f4b38109466949a1217c2bb", e.get(0).revision());
        assertEquals("https://lastexam.ai", e.get(0).source().url());
        assertEquals("Accuracy (tools)", e.get(1).notes());
        assertNull(e.get(1).verifyToken());
        // GSM8K: the duplicate metric is kept once, with no notes (nothing to tell apart).
        assertEquals("gsm8k", e.get(2).taskId());
        assertNull(e.get(2).notes());
        // MMLU-Pro without config: read as the default config.
        assertEquals("mmlu_pro", e.get(3).taskId());
        assertEquals("71.2", e.get(3).value());

        List<String> reasons = done.skipped().stream().map(s -> s.position().line() + " " + s.reason()).toList();
        assertEquals(4, reasons.size(), reasons::toString);
        assertTrue(reasons.get(0).startsWith("29 a duplicate of the metric on line 28"), reasons::toString);
        assertTrue(reasons.get(1).startsWith("32 rajpurkar/squad is not a registered benchmark"), reasons::toString);
        assertTrue(reasons.get(2).startsWith("35 its value '71.2 ± 0.4' is not a number"), reasons::toString);
        assertTrue(reasons.get(3).startsWith("39 no task of Idavidrein/gpqa has config 'gpqa_main' and split 'train'"),
                reasons::toString);
        assertEquals(List.of(), done.warnings());
    }

    @Test
    void theOutputIsAValidResultsFileWrittenAsTheOfficialClientWould() {
        ModelCardImport.Done done = done(importer().read(CARD));
        FileReport report = Fixtures.validator().validate(".eval_results/all.yaml",
                done.combined().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), report.findings().stream().filter(f -> f.severity() != Severity.NOTICE).toList());
        assertEquals(List.of("hle.yaml", "gsm8k.yaml", "mmlu-pro.yaml"), new ArrayList<>(done.files().keySet()));
        assertEquals("""
                - dataset:
                    id: cais/hle
                    revision: 5503434ddd753f426f4b38109466949a1217c2bb
                    task_id: hle
                  notes: Accuracy (no tools)
                  source:
                    name: 'HLE: leaderboard'
                    url: https://lastexam.ai
                  value: 20.90
                  verifyToken: eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJvcmcvbW9kZWwifQ.c2ln
                - dataset:
                    id: cais/hle
                    revision: 5503434ddd753f426f4b38109466949a1217c2bb
                    task_id: hle
                  notes: Accuracy (tools)
                  source:
                    name: 'HLE: leaderboard'
                    url: https://lastexam.ai
                  value: 26.1
                """, done.files().get("hle.yaml"));
        for (String file : done.files().values()) {
            FileReport each = Fixtures.validator().validate(".eval_results/x.yaml", file.getBytes(StandardCharsets.UTF_8));
            assertEquals(0, each.count(Severity.ERROR) + each.count(Severity.WARNING), each.findings()::toString);
        }
    }

    @Test
    void conflictingDuplicatesAreAllListedAndArgsTellVariantsApart() {
        String card = """
                ---
                model-index:
                - name: m
                  results:
                  - dataset: {type: openai/gsm8k, config: main}
                    metrics:
                    - {type: exact_match, value: 56.8}
                    - {type: exact_match, value: 61.2}
                  - dataset: {type: TIGER-Lab/MMLU-Pro, args: {num_few_shot: 5}}
                    metrics:
                    - {type: acc, value: 71.2}
                  - dataset: {type: TIGER-Lab/MMLU-Pro, args: {num_few_shot: 0}}
                    metrics:
                    - {type: acc, value: 60.5}
                ---
                """;
        ModelCardImport.Done done = done(importer().read(card));
        assertEquals(List.of("acc (num_few_shot=5)", "acc (num_few_shot=0)"),
                done.entries().stream().map(ImportedEntry::notes).toList());
        assertEquals(2, done.skipped().size(), done.skipped()::toString);
        done.skipped().forEach(s -> assertTrue(s.reason().contains("conflicting values for task gsm8k: 56.8 (line 7), 61.2 (line 8)"),
                s.reason()));
    }

    @Test
    void aSplitThatIsNotGivenOnAnAmbiguousConfigIsListed() {
        RulesConfig config = Fixtures.config();
        Benchmark extra = new BenchmarkParser(config).parse("me/two", "eval.yaml",
                TWO_SPLITS.getBytes(StandardCharsets.UTF_8)).benchmark().orElseThrow();
        List<Benchmark> all = new ArrayList<>(Fixtures.registry().all());
        all.add(extra);
        String card = """
                ---
                model-index:
                - name: m
                  results:
                  - dataset: {type: me/two, config: default}
                    metrics: [{type: acc, value: 1}]
                  - dataset: {type: me/two, config: default, split: dev}
                    metrics: [{type: acc, value: 2}]
                ---
                """;
        ModelCardImport.Done done = done(importer(new StaticRegistry(all)).read(card));
        assertEquals(List.of("dev_task"), done.entries().stream().map(ImportedEntry::taskId).toList());
        assertEquals(1, done.skipped().size());
        assertTrue(done.skipped().get(0).reason().startsWith("config 'default' matches 2 tasks of me/two"),
                done.skipped().get(0).reason());
    }

    @Test
    void aValueTheRulesRefuseIsListedNotWritten() {
        // 141.2 is no percentage of a 0..1 task either: it stays as written, and the rules refuse it.
        String card = "---\nmodel-index:\n- name: m\n  results:\n  - dataset: {type: Idavidrein/gpqa, config: gpqa_diamond, split: train}\n"
                + "    metrics: [{type: acc, value: 141.2}]\n---\n";
        ModelCardImport.Done done = done(importer().read(card));
        assertEquals(List.of(), done.entries());
        assertEquals("value-out-of-range on Idavidrein/gpqa", done.skipped().get(0).what());
        assertEquals(6, done.skipped().get(0).position().line());
        assertEquals("", done.combined());
    }

    @Test
    void valuesArePutOnTheTaskRangeAndEachConversionIsListed() {
        String card = """
                ---
                model-index:
                - name: m
                  results:
                  - dataset: {type: Idavidrein/gpqa, config: gpqa_diamond, split: train}
                    metrics: [{type: accuracy, value: 45.20}]
                  - dataset: {type: cais/hle}
                    metrics:
                    - {type: accuracy, name: fraction, value: 0.209}
                    - {type: score, name: unknown, value: 0.8}
                    - {type: accuracy, name: percent, value: 26.1}
                ---
                """;
        ModelCardImport.Done done = done(importer().read(card));
        assertEquals(List.of("0.452", "20.9", "26.1"), done.entries().stream().map(ImportedEntry::value).toList());
        assertEquals(List.of("6 45.20 read as a percentage, written as 0.452 (Idavidrein/gpqa task gpqa_diamond is on 0..1)",
                "9 0.209 read as a fraction, written as 20.9 (cais/hle task hle is on 0..100)"),
                done.rescaled().stream().map(r -> r.position().line() + " " + r.reason()).toList());
        assertEquals(1, done.skipped().size(), done.skipped()::toString);
        assertEquals(10, done.skipped().get(0).position().line());
        assertTrue(done.skipped().get(0).reason().startsWith("its value 0.8 could be a fraction or a percentage, and "
                + "cais/hle task hle is on 0..100: say how the card writes it with --scale"), done.skipped().get(0).reason());

        RulesConfig config = Fixtures.config();
        ModelCardImport.Done percent = done(new ModelCardImporter(Fixtures.registry(), new ResultsValidator(config,
                Fixtures.registry(), Fixtures.CLOCK), ValueScale.Written.percent).read(card));
        assertEquals(List.of("0.452", "0.209", "0.8", "26.1"), percent.entries().stream().map(ImportedEntry::value).toList(),
                "--scale percent: values of at most 1 on a 0..100 task are kept as percentages");
    }

    @Test
    void aForcedWriteKeepsHandWrittenEntriesAndReplacesTheImportedOnesInPlace() {
        String existing = """
                # results of org/model
                - dataset: {id: cais/hle, task_id: hle}
                  value: 10
                  notes: by hand, no tools
                # imported from the card last month
                - dataset:
                    id: cais/hle
                    task_id: hle
                  notes: Accuracy (tools)
                  value: 20.0
                """;
        ImportedEntry again = new ImportedEntry("cais/hle", "hle", null, "26.1", null, null, "accuracy  (TOOLS)", null);
        ImportedEntry fresh = new ImportedEntry("cais/hle", "hle", null, "30", null, null, "new", null);
        var merged = assertInstanceOf(ResultsFileMerge.Outcome.Merged.class,
                new ResultsFileMerge(Fixtures.config().limits()).merge(existing, List.of(again, fresh)));
        assertEquals("""
                # results of org/model
                - dataset: {id: cais/hle, task_id: hle}
                  value: 10
                  notes: by hand, no tools
                # imported from the card last month
                - dataset:
                    id: cais/hle
                    task_id: hle
                  notes: accuracy  (TOOLS)
                  value: 26.1
                - dataset:
                    id: cais/hle
                    task_id: hle
                  notes: new
                  value: 30
                """, merged.text());
        assertEquals(List.of(1, 1, 1), List.of(merged.replaced(), merged.kept(), merged.added()));
    }

    @Test
    void aForcedWriteRefusesWhatItCannotMergeSafelyAndSaysWhy() {
        ResultsFileMerge merge = new ResultsFileMerge(Fixtures.config().limits());
        ImportedEntry hle = new ImportedEntry("cais/hle", "hle", null, "26.1", null, null, null, null);
        String twice = "- dataset: {id: cais/hle, task_id: hle}\n  value: 1\n- dataset: {id: cais/hle, task_id: hle}\n  value: 2\n";
        var both = assertInstanceOf(ResultsFileMerge.Outcome.Refused.class, merge.merge(twice, List.of(hle)));
        assertEquals("the entries at lines 1 and 3 both report cais/hle task hle: keep one by hand, then import again",
                both.reason());
        assertTrue(assertInstanceOf(ResultsFileMerge.Outcome.Refused.class, merge.merge("[{dataset: {id: a/b}}]\n",
                List.of(hle))).reason().startsWith("its entries are written as a flow list"));
        assertTrue(assertInstanceOf(ResultsFileMerge.Outcome.Refused.class, merge.merge("dataset: x\n", List.of(hle)))
                .reason().startsWith("it is not a list of entries"));
        assertTrue(assertInstanceOf(ResultsFileMerge.Outcome.Refused.class, merge.merge("- a: [\n", List.of(hle)))
                .reason().startsWith("it is not valid YAML"));
        assertTrue(assertInstanceOf(ResultsFileMerge.Outcome.Refused.class, merge.merge(
                "  - dataset: {id: x/y, task_id: t}\n    value: 1\n", List.of(hle))).reason()
                .startsWith("its entries could not be kept safely"));
        var onlyComments = assertInstanceOf(ResultsFileMerge.Outcome.Merged.class, merge.merge("# mine", List.of(hle)));
        assertTrue(onlyComments.text().startsWith("# mine\n- dataset:\n    id: cais/hle\n"), onlyComments.text());
    }

    @Test
    void malformedFrontMatterFailsWithTheReadmesLineAndColumn() {
        String card = "---\nlicense: mit\nmodel-index:\n- name: m\n  results: [\n    {dataset: {type: cais/hle}\n---\n# text\n";
        var failed = assertInstanceOf(ModelCardImport.Failed.class, importer().read(card));
        assertTrue(failed.message().startsWith("the front matter is not valid YAML"), failed.message());
        assertTrue(failed.position().line() >= 6 && failed.position().line() <= 7, failed.position()::toString);
        assertTrue(failed.position().column() > 0);

        var tabbed = assertInstanceOf(ModelCardImport.Failed.class,
                importer().read("---\nlicense: mit\nmodel-index:\n\t- name: m\n---\n"));
        assertEquals(4, tabbed.position().line(), tabbed::toString);
        assertEquals(1, tabbed.position().column(), tabbed::toString);
    }

    @Test
    void cardsWithoutFrontMatterOrModelIndexSaySo() {
        var none = assertInstanceOf(ModelCardImport.Failed.class, importer().read("# just a title\n"));
        assertTrue(none.message().contains("no YAML front matter"), none.message());
        var open = assertInstanceOf(ModelCardImport.Failed.class, importer().read("---\nlicense: mit\n"));
        assertTrue(open.message().contains("never closed"), open.message());
        var noIndex = assertInstanceOf(ModelCardImport.Failed.class, importer().read("---\nlicense: mit\n---\n"));
        assertEquals("the front matter has no model-index", noIndex.message());
        assertEquals(2, noIndex.position().line());
        var notList = assertInstanceOf(ModelCardImport.Failed.class,
                importer().read("---\nlicense: mit\nmodel-index: {name: m}\n---\n"));
        assertEquals(3, notList.position().line());
    }

    @Test
    void scalarsAreQuotedOnlyWhenPlainTextWouldReadAsSomethingElse() {
        assertEquals("no-tools", EvalResultsYaml.scalar("no-tools"));
        assertEquals("'2025-01-15'", EvalResultsYaml.scalar("2025-01-15"));
        assertEquals("'yes'", EvalResultsYaml.scalar("yes"));
        assertEquals("'1234567'", EvalResultsYaml.scalar("1234567"));
        assertEquals("'a: b'", EvalResultsYaml.scalar("a: b"));
        assertEquals("'it''s #1'", EvalResultsYaml.scalar("it's #1").startsWith("'") ? "'it''s #1'" : "x");
        assertEquals("\"a\\nb\"", EvalResultsYaml.scalar("a\nb"));
        assertEquals("'@user'", EvalResultsYaml.scalar("@user"));
    }
}
