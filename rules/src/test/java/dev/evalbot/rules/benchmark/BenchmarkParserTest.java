package dev.evalbot.rules.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import dev.evalbot.rules.check.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkParserTest {
    private final BenchmarkParser parser = new BenchmarkParser(Fixtures.config());

    private List<String> codes(String yaml) {
        return parser.parse("o/b", "eval.yaml", Fixtures.yaml(yaml)).findings().stream().map(Finding::code).toList();
    }

    @Test
    void theFiveShippedBenchmarksParseWithoutFindings() {
        var registry = Fixtures.registry();
        assertEquals(List.of("Idavidrein/gpqa", "MathArena/aime_2026", "TIGER-Lab/MMLU-Pro", "cais/hle", "openai/gsm8k"),
                List.copyOf(registry.ids()));
        var hle = ((Lookup.Found) registry.lookup("cais/hle", null)).benchmark();
        assertEquals("inspect-ai", hle.framework());
        assertEquals(List.of("hle"), hle.taskIds());
    }

    @Test
    void requiredFieldsAndUniqueIds() {
        assertEquals(List.of("eval-missing-field", "eval-missing-field", "eval-missing-field", "eval-missing-field"),
                codes("foo: bar\n"));
        assertEquals(List.of("duplicate-task-id"),
                codes("name: n\ndescription: d\nevaluation_framework: mteb\ntasks:\n  - id: a\n  - id: a\n"));
        assertEquals(List.of("task-missing-id"),
                codes("name: n\ndescription: d\nevaluation_framework: mteb\ntasks:\n  - config: x\n"));
    }

    @Test
    void unknownFrameworkSuggestsTheClosest() {
        var f = parser.parse("o/b", "eval.yaml",
                Fixtures.yaml("name: n\ndescription: d\nevaluation_framework: inspect_ai\ntasks:\n  - id: a\n"))
                .findings();
        assertEquals("unknown-framework", f.get(0).code());
        assertEquals("did you mean `inspect-ai`?", f.get(0).hint());
        assertEquals(3, f.get(0).line());
    }

    @Test
    void inspectTasksNeedFieldSpecSolversAndScorers() {
        var codes = codes("name: n\ndescription: d\nevaluation_framework: inspect-ai\ntasks:\n  - id: a\n");
        assertEquals(List.of("inspect-missing-field", "inspect-missing-field", "inspect-missing-field"), codes);
        // A docs page spells scorers "scores"; Inspect refuses that key (issue 22), so evalbot does too, once.
        var f = parser.parse("o/b", "eval.yaml", Fixtures.yaml("""
                name: n
                description: d
                evaluation_framework: inspect-ai
                tasks:
                  - id: a
                    field_spec: {input: q, target: a}
                    solvers: [{name: generate}]
                    scores: [{name: match}]
                """)).findings();
        assertEquals(List.of("inspect-unknown-key"), f.stream().map(Finding::code).toList());
        assertEquals(8, f.get(0).line());
        assertEquals(5, f.get(0).column());
        assertEquals("Inspect reads `scorers`: rename `scores` to `scorers`", f.get(0).hint());
    }

    @Test
    void aDefinitionOnlyInspectRefusesIsStillRegistrableForResults() {
        var file = parser.parse("o/b", "eval.yaml", Fixtures.yaml("""
                name: n
                description: d
                evaluation_framework: inspect-ai
                tasks:
                  - id: a
                    field_spec: {input: q, target: a}
                    solvers: [{name: generate}]
                    scores: [{name: match}]
                """));
        assertTrue(file.hasErrors(), "a change to it is invalid");
        assertTrue(file.registrable(), "the Hub still shows its leaderboards");
        assertEquals(List.of("a"), file.benchmark().orElseThrow().taskIds());
        var broken = parser.parse("o/b", "eval.yaml", Fixtures.yaml("""
                name: n
                description: d
                evaluation_framework: inspect-ai
                tasks:
                  - id: a
                    scores: [{name: match}]
                  - id: a
                """));
        assertTrue(!broken.registrable(), "a task id twice is the Hub format's own error");
    }

    @Test
    void anUnknownSolverListsTheEightInspectKnowsAndGuesses() {
        var f = parser.parse("o/b", "eval.yaml", Fixtures.yaml("""
                name: n
                description: d
                evaluation_framework: inspect-ai
                tasks:
                  - id: a
                    field_spec: {input: q, target: a}
                    solvers: [{name: genrate}, {name: plan_and_execute}]
                    scorers: [{name: match}]
                """)).findings();
        assertEquals(List.of("inspect-unknown-solver", "inspect-unknown-solver"), f.stream().map(Finding::code).toList());
        String list = "Inspect's solvers: prompt_template, system_message, user_message, chain_of_thought, use_tools,"
                + " generate, self_critique, multiple_choice";
        assertEquals("inspect-ai task 'a': 'genrate' is not a solver Inspect knows", f.get(0).message());
        assertEquals("did you mean `generate`? " + list, f.get(0).hint());
        assertEquals(list, f.get(1).hint());
        assertEquals(7, f.get(0).line());
    }

    @Test
    void whatInspectLoadsButIgnoresOrGuessesIsAWarning() {
        var f = parser.parse("o/b", "eval.yaml", Fixtures.yaml("""
                name: n
                description: d
                evaluation_framework: inspect-ai
                tasks:
                  - id: a
                    field_spec: {input: q}
                    solvers: [{name: generate, arg: {temperature: 0}}]
                    scorers: [{name: match}]
                """)).findings();
        assertEquals(List.of("inspect-default-column", "inspect-ignored-key"), f.stream().map(Finding::code).toList());
        assertTrue(f.stream().noneMatch(Finding::isError));
        assertEquals("did you mean `args`?", f.get(1).hint());
    }

    @Test
    void aValueYaml11ReadsOtherwiseIsExplainedWithItsFix() {
        var f = parser.parse("o/b", "eval.yaml", Fixtures.yaml("""
                name: n
                description: d
                evaluation_framework: inspect-ai
                tasks:
                  - id: a
                    split: no
                    epochs: 010
                    epoch_reducer: at_least3
                    field_spec: {input: q, target: a}
                    solvers: [{name: generate}]
                    scorers: [{name: match}]
                """)).findings();
        assertEquals(List.of("inspect-field-type", "inspect-epoch-reducer"), f.stream().map(Finding::code).toList());
        assertEquals("inspect-ai task 'a': split must be a string for Inspect, found the boolean false"
                + " (Inspect's YAML reader takes `no` for false)", f.get(0).message());
        assertEquals("quote it: split: \"no\"", f.get(0).hint());
        assertEquals(6, f.get(0).line());
        assertEquals(12, f.get(0).column());
        assertTrue(f.get(1).hint().startsWith("did you mean `at_least_3`?"), f.get(1).hint());
    }

    @Test
    void otherFrameworksKeepTheirRules() {
        // Inspect's loader reads only inspect-ai definitions: keys it would refuse are kept elsewhere.
        assertEquals(List.of(), codes("""
                name: n
                description: d
                evaluation_framework: mteb
                tasks:
                  - id: a
                    config: 2021
                    epochs: 0
                    scores: [{name: anything}]
                    metrics: [{id: ndcg}]
                """));
    }

    @Test
    void lowerIsBetterIsReadFromTheFirstMetric() {
        var b = parser.parse("o/b", "eval.yaml", Fixtures.yaml("""
                name: n
                description: d
                evaluation_framework: open-asr-leaderboard
                metrics: [{id: wer, lower_is_better: true}]
                epochs: 3
                tasks:
                  - id: a
                  - id: b
                    metrics: [{id: acc, lower_is_better: false}]
                """)).benchmark().orElseThrow();
        assertTrue(b.task("a").orElseThrow().lowerIsBetter());
        assertTrue(!b.task("b").orElseThrow().lowerIsBetter());
    }
}
