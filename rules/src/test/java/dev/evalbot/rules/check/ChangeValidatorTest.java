package dev.evalbot.rules.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeValidatorTest {
    private static final String EVAL = """
            name: My bench
            description: Things.
            evaluation_framework: math-arena
            tasks:
              - id: easy
              - id: hard
            """;

    @Test
    void sameDatasetTaskAndNotesTwiceInOneChangeIsAWarning() {
        String entry = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n  notes: no-tools\n";
        ChangeReport r = Fixtures.changeValidator().validate("org/model", List.of(
                new ChangedFile(".eval_results/a.yaml", FileKind.RESULTS, Fixtures.yaml(entry)),
                new ChangedFile(".eval_results/b.yaml", FileKind.RESULTS, Fixtures.yaml(entry))));
        assertEquals(Verdict.VALID_WITH_WARNINGS, r.verdict());
        Finding dup = r.files().get(1).findings().get(0);
        assertEquals("duplicate-entry", dup.code());
        assertTrue(dup.message().contains(".eval_results/a.yaml:1"), dup.message());
        ChangeReport differentNotes = Fixtures.changeValidator().validate("org/model", List.of(
                new ChangedFile(".eval_results/a.yaml", FileKind.RESULTS, Fixtures.yaml(entry)),
                new ChangedFile(".eval_results/b.yaml", FileKind.RESULTS,
                        Fixtures.yaml(entry.replace("no-tools", "with tools")))));
        assertEquals(Verdict.VALID, differentNotes.verdict());
    }

    @Test
    void resultsInTheSameChangeAreCheckedAgainstItsNewEvalYaml() {
        ChangeReport r = Fixtures.changeValidator().validate("me/bench", List.of(
                new ChangedFile("eval.yaml", FileKind.BENCHMARK, Fixtures.yaml(EVAL)),
                new ChangedFile(".eval_results/x.yaml", FileKind.RESULTS,
                        Fixtures.yaml("- dataset: {id: me/bench, task_id: hard}\n  value: 3\n"))));
        assertEquals(Verdict.VALID, r.verdict(), r.allFindings()::toString);
    }

    @Test
    void evalYamlChangeListsRemovedAndAddedTasks() {
        ChangeReport r = Fixtures.changeValidator().validate("me/bench", List.of(new ChangedFile("eval.yaml",
                FileKind.BENCHMARK, Fixtures.yaml(EVAL.replace("id: hard", "id: harder")), Fixtures.yaml(EVAL))));
        List<String> codes = r.allFindings().stream().map(Finding::code).toList();
        assertEquals(List.of("task-removed", "task-added"), codes);
        assertTrue(r.allFindings().get(0).hint().contains("renamed to 'harder'"));
    }

    @Test
    void tooManyFilesIsOneErrorNotAThousandReviews() {
        var files = java.util.stream.IntStream.range(0, 301)
                .mapToObj(i -> new ChangedFile(".eval_results/" + i + ".yaml", FileKind.RESULTS, new byte[0]))
                .toList();
        ChangeReport r = Fixtures.changeValidator().validate("o/m", files);
        assertEquals("too-many-files", r.allFindings().get(0).code());
        assertTrue(r.files().isEmpty());
    }
}
