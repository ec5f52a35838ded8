package dev.evalbot.rules.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {
    private final ResultsValidator validator = Fixtures.validator();

    private FileReport validate(String yaml) {
        return validator.validate(".eval_results/x.yaml", Fixtures.yaml(yaml));
    }

    private Finding only(FileReport report, String code) {
        List<Finding> found = report.findings().stream().filter(f -> f.code().equals(code)).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + " in " + report.findings());
        return found.get(0);
    }

    @Test
    void unknownTaskNamesTheTasksAndSuggestsTheClosest() {
        Finding f = only(validate("- dataset: {id: cais/hle, task_id: hel}\n  value: 20.9\n"), "unknown-task");
        assertEquals("task 'hel' is not a task of cais/hle (its tasks: hle)", f.message());
        assertEquals("did you mean `hle`?", f.hint());
        assertEquals(1, f.line());
        assertEquals(36, f.column());
    }

    @Test
    void unregisteredBenchmarkSuggestsARegisteredId() {
        Finding f = only(validate("- dataset: {id: idavidrein/gpq, task_id: gpqa_diamond}\n  value: 0.4\n"),
                "unregistered-benchmark");
        assertEquals("did you mean `Idavidrein/gpqa`?", f.hint());
    }

    @Test
    void percentageGivenForAFractionTaskSaysWhichScaleWasMeant() {
        Finding f = only(validate("- dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}\n  value: 41.2\n"),
                "value-out-of-range");
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.hint().contains("did you mean 0.412?"), f.hint());
        assertEquals(2, f.line());
        assertEquals(10, f.column());
    }

    @Test
    void fractionGivenForAPercentageTaskSaysWhichScaleWasMeant() {
        Finding f = only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 0.209\n"), "value-scale");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.hint().contains("did you mean 20.9?"), f.hint());
    }

    @Test
    void valueThatNoSampleCountCanProduceIsAWarning() {
        // gsm8k has 1319 samples: 91.23 is 1203.3/1319, no whole count of correct answers gives it.
        Finding f = only(validate("- dataset: {id: openai/gsm8k, task_id: gsm8k}\n  value: 91.23\n"),
                "value-granularity");
        assertEquals(Severity.WARNING, f.severity());
        FileReport ok = validate("- dataset: {id: openai/gsm8k, task_id: gsm8k}\n  value: 91.2\n");
        assertEquals(Verdict.VALID, ok.verdict(), ok.findings()::toString);
        FileReport exact = validate("- dataset: {id: openai/gsm8k, task_id: gsm8k}\n  value: 91.20545868081880\n");
        assertEquals(Verdict.VALID, exact.verdict(), exact.findings()::toString);
    }

    @Test
    void dateWithinTheGraceWindowIsAcceptedBeyondItIsFuture() {
        // The fixture clock is 2026-06-01T12:00Z; the grace is 24 h.
        assertEquals(Verdict.VALID, validate(
                "- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  date: \"2026-06-02\"\n").verdict());
        only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  date: \"2026-06-03\"\n"), "future-date");
        only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  date: yesterday\n"), "invalid-date");
    }

    @Test
    void revisionMustBeAShortOrFullSha() {
        only(validate("- dataset: {id: cais/hle, task_id: hle, revision: main}\n  value: 20\n"), "invalid-revision");
        only(validate("- dataset: {id: cais/hle, task_id: hle, revision: abc12}\n  value: 20\n"), "invalid-revision");
        assertEquals(Verdict.VALID,
                validate("- dataset: {id: cais/hle, task_id: hle, revision: 1234567}\n  value: 20\n").verdict());
    }

    @Test
    void sourceUrlMustBeAbsoluteHttps() {
        only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  source: {url: http://x.org/a}\n"),
                "source-url-not-https");
        only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  source: {url: /relative}\n"),
                "source-url-not-https");
        only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  source: https://x.org\n"),
                "source-not-a-mapping");
    }

    @Test
    void unknownKeyIsAWarningWithATypoHint() {
        Finding f = only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  verify_token: abc\n"),
                "unknown-key");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("did you mean `verifyToken`?", f.hint());
    }

    @Test
    void aKeyAtTheWrongLevelIsPointedToWhereItBelongs() {
        Finding revision = only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  revision: abc1234\n"),
                "unknown-key");
        assertEquals("unknown key 'revision' (ignored)", revision.message());
        assertEquals("did you mean `dataset.revision`? it belongs under `dataset:`", revision.hint());
        assertEquals(3, revision.line());
        Finding url = only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  url: https://x.org/a\n"),
                "unknown-key");
        assertEquals("did you mean `source.url`? it belongs under `source:`", url.hint());
        Finding value = only(validate("- dataset: {id: cais/hle, task_id: hle, value: 20}\n  value: 20\n"), "unknown-key");
        assertEquals("unknown key 'dataset.value' (ignored)", value.message());
        assertEquals("did you mean `value`? it belongs at the top of the entry, beside `dataset:`", value.hint());
    }

    @Test
    void nonFiniteAndQuotedValuesAreErrorsWithAHint() {
        only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: .nan\n"), "value-not-finite");
        Finding f = only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: \"20.9\"\n"), "value-not-number");
        assertNotNull(f.hint());
        only(validate("- dataset: {id: cais/hle, task_id: hle}\n  value: true\n"), "value-not-number");
    }

    @Test
    void everyEntryIsReportedNotJustTheFirst() {
        FileReport r = validate("""
                - dataset: {id: cais/hle, task_id: nope}
                  value: 20
                - dataset: {id: cais/hle, task_id: hle}
                - 42
                """);
        assertEquals(1, r.findingsFor(1).size());
        assertEquals("missing-value", r.findingsFor(2).get(0).code());
        assertEquals("entry-not-a-mapping", r.findingsFor(3).get(0).code());
        assertEquals(List.of(), r.acceptedEntries());
    }

    @Test
    void acceptedEntriesCarryResolvedTaskAndValue() {
        FileReport r = Fixtures.validator().validate("f.yaml",
                Fixtures.yaml("- dataset: {id: Idavidrein/gpqa, config: gpqa_diamond}\n  value: 0.5\n  notes: x\n"));
        var e = r.acceptedEntries().get(0);
        assertEquals("gpqa_diamond", e.taskId());
        assertEquals(0.5, e.value());
        assertEquals("x", e.notes());
    }

    @Test
    void perBenchmarkOverrideSwitchesARuleOff() {
        var base = Fixtures.config();
        var gsm = base.benchmark("openai/gsm8k");
        var rules = new java.util.HashMap<>(gsm.rules());
        rules.put("value-granularity", java.util.Optional.empty());
        var benchmarks = new java.util.HashMap<>(base.benchmarks());
        benchmarks.put("openai/gsm8k", new dev.evalbot.rules.config.BenchmarkPolicy(gsm.tasks(), rules));
        var config = new dev.evalbot.rules.config.RulesConfig(base.limits(), base.frameworks(),
                base.registeredBenchmarks(), benchmarks, base.rules(), base.futureDateGraceHours(),
                base.maxFilesPerChange());
        var v = new ResultsValidator(config, Fixtures.registry(), Fixtures.CLOCK);
        FileReport r = v.validate("f.yaml", Fixtures.yaml("- dataset: {id: openai/gsm8k, task_id: gsm8k}\n  value: 91.23\n"));
        assertEquals(Verdict.VALID, r.verdict(), r.findings()::toString);
    }
}
