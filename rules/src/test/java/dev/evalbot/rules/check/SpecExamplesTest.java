package dev.evalbot.rules.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the spec's examples gets exactly the verdict its first comment line states. */
class SpecExamplesTest {
    private static final Path DIR = Path.of("src/test/resources/examples/results");

    /** The finding code each invalid (or warned) example must produce. */
    private static final Map<String, String> EXPECTED_CODE = Map.ofEntries(
            Map.entry("invalid-alias-bomb.yaml", "yaml-alias"),
            Map.entry("invalid-duplicate-key.yaml", "duplicate-key"),
            Map.entry("invalid-future-date.yaml", "future-date"),
            Map.entry("invalid-missing-value.yaml", "missing-value"),
            Map.entry("invalid-not-a-list.yaml", "not-a-list"),
            Map.entry("invalid-source-no-url.yaml", "source-missing-url"),
            Map.entry("invalid-syntax.yaml", "yaml-syntax"),
            Map.entry("invalid-unknown-task.yaml", "unknown-task"),
            Map.entry("invalid-unregistered-benchmark.yaml", "unregistered-benchmark"),
            Map.entry("invalid-value-string.yaml", "value-not-number"),
            Map.entry("valid-legacy-config.yaml", "legacy-config"));

    static Stream<Path> examples() throws IOException {
        return Files.list(DIR).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void verdictMatchesTheFirstCommentLine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("");
        Verdict expected;
        if (first.startsWith("# error")) {
            expected = Verdict.INVALID;
        } else if (first.startsWith("# valid with a warning")) {
            expected = Verdict.VALID_WITH_WARNINGS;
        } else {
            expected = Verdict.VALID;
        }
        FileReport report = Fixtures.validator().validate(file.getFileName().toString(), Files.readAllBytes(file));
        assertEquals(expected, report.verdict(), () -> "findings: " + report.findings());
        String code = EXPECTED_CODE.get(file.getFileName().toString());
        if (code != null) {
            assertTrue(report.findings().stream().anyMatch(f -> f.code().equals(code)),
                    () -> "expected " + code + " in " + report.findings());
        }
        report.findings().forEach(f -> assertTrue(f.line() > 0, () -> "finding without a line: " + f));
    }
}
