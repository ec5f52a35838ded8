package dev.evalbot.rules.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.inspect.HfTaskModel;
import dev.evalbot.rules.benchmark.inspect.InspectRules;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * evalbot agrees with Inspect AI's loader for Hub datasets on every rule it states: inspect_ai
 * {@code src/inspect_ai/_eval/task/hf.py} at commit 499e6152e7b8fc8cbd8ac5283536572aa6e4ab17
 * ({@link HfTaskModel#INSPECT_COMMIT}). {@code inspect/hf-rules.yaml} gives each rule one
 * definition Inspect loads (no error here) and one it refuses (the rule's finding, at the marked
 * line). Each verdict there was checked by validating the same text with the module's models under
 * pydantic 2.13.4 and PyYAML 6.0.3, as {@code inspect eval hf/ORG/DS} does; the parameterised
 * tests below repeat the lists of Inspect's own {@code tests/_eval/task/test_hf.py} at that commit
 * and the YAML 1.1 readings where evalbot's YAML 1.2 parser sees other values.
 */
class InspectConformanceTest {
    static final String HEAD = "name: n\ndescription: d\nevaluation_framework: inspect-ai\ntasks:\n";
    static final int HEAD_LINES = 4;
    static final String MARK = "# <-";

    private final BenchmarkParser parser = new BenchmarkParser(Fixtures.config());

    /** One rule of hf.py with a definition on each side of it. */
    record Rule(String rule, String code, String hint, String loads, String refused) {
        @Override
        public String toString() {
            return rule;
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Rule> rules() {
        try (InputStream in = InspectConformanceTest.class.getResourceAsStream("/inspect/hf-rules.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Map<String, String>> items = (List<Map<String, String>>) new Load(LoadSettings.builder().build())
                    .loadFromString(text);
            return items.stream().map(m -> new Rule(m.get("rule"), m.get("code"), m.get("hint"), m.get("loads"),
                    m.get("refused")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole eval.yaml from a case: a file as given, or the value of {@code tasks:} under the head. */
    static String document(String tasks) {
        if (tasks.startsWith("name:")) {
            return tasks;
        }
        return HEAD + tasks.lines().map(l -> "  " + l + "\n").collect(Collectors.joining());
    }

    static int markedLine(String document) {
        List<String> lines = document.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(MARK)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + MARK + " in\n" + document);
    }

    private List<Finding> findings(String document) {
        return parser.parse("o/b", "eval.yaml", document.getBytes(StandardCharsets.UTF_8)).findings();
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void whatInspectLoadsHasNoError(Rule rule) {
        assertEquals(List.of(), errors(findings(document(rule.loads()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void whatInspectRefusesGetsTheRulesFindingAtItsLine(Rule rule) {
        String doc = document(rule.refused());
        List<Finding> errors = errors(findings(doc));
        Finding f = errors.stream().filter(e -> e.code().equals(rule.code())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule.code() + " in " + errors + " for\n" + doc));
        assertEquals(markedLine(doc), f.line(), f.toString());
        assertTrue(f.column() > 0, f.toString());
        if (rule.hint() != null) {
            assertEquals(rule.hint(), f.hint());
        }
    }

    @Test
    void everyInspectCodeIsStatedByARule() {
        List<String> stated = rules().map(Rule::code).distinct().toList();
        for (RuleCode code : InspectRules.codes()) {
            if (code.severity() == Severity.ERROR) {
                assertTrue(stated.contains(code.code()), code.code() + " has no rule in hf-rules.yaml");
            }
        }
        assertEquals(42, rules().count());
    }

    /**
     * The one place evalbot is stricter than hf.py on a task: Inspect loads a lone task without an
     * id (it runs as {@code hf/ORG/DS}), but the Hub's format makes every task a leaderboard named
     * by its id, so evalbot asks for one. No Inspect rule fires on it.
     */
    @Test
    void aLoneTaskWithoutIdLoadsInInspectButTheHubNeedsItsId() {
        List<Finding> f = findings(HEAD + "  - field_spec: {input: q, target: a}\n"
                + "    solvers: [{name: generate}]\n    scorers: [{name: match}]\n");
        assertEquals(List.of("task-missing-id"), f.stream().map(Finding::code).toList());
    }

    private String resource(String name) {
        try (InputStream in = InspectConformanceTest.class.getResourceAsStream("/inspect/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Definitions found in public repositories, each run through hf.py's models (see the files' comments). */
    @Test
    void realDefinitionsGetInspectsVerdict() {
        assertEquals(List.of(), errors(findings(resource("real/gpqa.yaml"))));
        assertEquals(List.of(), errors(findings(resource("real/evasionbench.yaml"))));
        List<Finding> refused = errors(findings(resource("real/asvspoof5.yaml")));
        assertEquals(List.of("inspect-unknown-key", "inspect-unknown-solver", "inspect-unknown-scorer"),
                refused.stream().map(Finding::code).toList());
        assertEquals(List.of(23, 18, 21), refused.stream().map(Finding::line).toList());
    }

    /** Every shipped benchmark (the spec's examples) loads in Inspect when it is an inspect-ai one. */
    @Test
    void theShippedBenchmarksHaveNoFinding() throws IOException {
        java.nio.file.Path root = Fixtures.CONFIG_DIR.resolve("benchmarks");
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            List<java.nio.file.Path> defs = files.filter(p -> p.endsWith("eval.yaml")).toList();
            assertEquals(5, defs.size());
            for (java.nio.file.Path p : defs) {
                assertEquals(List.of(), findings(java.nio.file.Files.readString(p)), p.toString());
            }
        }
    }

    // --- The lists of Inspect's tests/_eval/task/test_hf.py at the same commit. ---

    static String task(String extra) {
        return HEAD + "  - id: t\n    field_spec: {input: question, target: answer}\n"
                + "    solvers: [{name: generate}]\n    scorers: [{name: match}]\n" + (extra.isEmpty() ? "" : "    " + extra + "\n");
    }

    private List<String> errorCodes(String document) {
        return errors(findings(document)).stream().map(Finding::code).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompt_template", "system_message", "user_message", "chain_of_thought", "use_tools",
        "generate", "self_critique", "multiple_choice"})
    void testHfSolverValidNames(String name) {
        assertEquals(List.of(), errorCodes(HEAD + "  - id: t\n    field_spec: {input: q, target: a}\n"
                + "    solvers: [{name: " + name + "}]\n    scorers: [{name: match}]\n"));
    }

    /** test_hf.py lists nine; the model's Literal has a tenth, {@code math}. */
    @ParameterizedTest
    @ValueSource(strings = {"includes", "match", "pattern", "answer", "exact", "f1", "model_graded_qa",
        "model_graded_fact", "choice", "math"})
    void testHfScorerValidNames(String name) {
        assertEquals(List.of(), errorCodes(HEAD + "  - id: t\n    field_spec: {input: q, target: a}\n"
                + "    solvers: [{name: generate}]\n    scorers: [{name: " + name + "}]\n"));
    }

    @Test
    void testHfInvalidSolverAndScorerNames() {
        assertEquals(List.of("inspect-unknown-solver"), errorCodes(HEAD + "  - id: t\n    field_spec: {input: q, target: a}\n"
                + "    solvers: [{name: not_a_real_solver}]\n    scorers: [{name: match}]\n"));
        assertEquals(List.of("inspect-unknown-scorer"), errorCodes(HEAD + "  - id: t\n    field_spec: {input: q, target: a}\n"
                + "    solvers: [{name: generate}]\n    scorers: [{name: not_a_real_scorer}]\n"));
    }

    @Test
    void testHfTaskValidFullAndRejectsExtraFields() {
        assertEquals(List.of(), errorCodes(HEAD + """
                  - id: my_task
                    config: custom_config
                    split: train
                    field_spec: {input: q, target: a, choices: opts}
                    epochs: 3
                    epoch_reducer: mode
                    solvers:
                      - {name: system_message, args: {system_message: Be helpful}}
                      - {name: generate}
                    scorers: [{name: choice}]
                """));
        assertEquals(List.of("inspect-unknown-key"), errorCodes(task("unknown_field: value")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max", "mode", "median", "mean", "pass_at_1", "pass_at_5", "pass_at_100", "at_least_1",
        "at_least_2", "at_least_10", "null", "pass_at_٣"})
    void testHfTaskValidEpochReducer(String reducer) {
        assertEquals(List.of(), errorCodes(task("epoch_reducer: " + reducer)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid", "pass_at", "pass_at_", "at_least", "at_least_", "majority", "average",
        "pass_at_abc", "at_least_xyz", "'mean\\n'", "5", "pass_at_-1"})
    void testHfTaskInvalidEpochReducer(String reducer) {
        assertEquals(List.of("inspect-epoch-reducer"), errorCodes(task("epoch_reducer: " + reducer)));
    }

    // --- Where PyYAML (YAML 1.1) and pydantic's lax mode read a value otherwise than YAML 1.2. ---

    @ParameterizedTest
    @ValueSource(strings = {"010", "1:30", "'3.00'", "' 3 '", "true", "1_0", "0x10", "1.0e+3", "0b11", "+2", "'1_000'"})
    void epochsInspectLoads(String epochs) {
        assertEquals(List.of(), errorCodes(task("epochs: " + epochs)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", ".inf", "false", "'3.'", "-1", "0.0", "00", "'0x10'", "2021-01-01", "[1]"})
    void epochsInspectRefuses(String epochs) {
        assertEquals(List.of("inspect-epochs"), errorCodes(task("epochs: " + epochs)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "on", "'Y'", "t", "1.0", "0", "off", "null", "NO", "'False'"})
    void shuffleChoicesInspectLoads(String value) {
        assertEquals(List.of(), errorCodes(task("shuffle_choices: " + value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "2", "0.5", "2021-01-01", "'yes '", "[true]"})
    void shuffleChoicesInspectRefuses(String value) {
        assertEquals(List.of("inspect-field-type"), errorCodes(task("shuffle_choices: " + value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"config: !!str 2021", "config: '2021'", "split: test", "split: train"})
    void stringsInspectLoads(String line) {
        assertEquals(List.of(), errorCodes(task(line)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"config: 2021.0", "config: on", "config: 1:30", "split: ~", "split: [a]"})
    void stringsInspectRefuses(String line) {
        assertEquals(List.of("inspect-field-type"), errorCodes(task(line)));
    }
}
