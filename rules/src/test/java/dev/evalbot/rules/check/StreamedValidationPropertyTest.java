package dev.evalbot.rules.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.evalbot.rules.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The validator checks each entry as the loader composes it and drops the entry's nodes at once;
 * this holds that path to the one that composes the whole file first: the same report (entries,
 * findings with their line:column, file-level refusals) for mutated examples, random documents
 * in the shape of results files, and the boundaries where the streamed path has to drop what it
 * has checked (a syntax error or a limit after some entries, too many entries).
 */
class StreamedValidationPropertyTest {
    private static final ResultsValidator VALIDATOR = Fixtures.validator();
    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/examples/results"))) {
            return files.sorted().map(Fixtures::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 1000)
    void mutatedExamplesGetTheSameReport(@ForAll("mutations") List<MutationPropertyTest.Mutation> mutations,
            @ForAll @IntRange(min = 0, max = 12) int seedIndex) {
        byte[] bytes = SEEDS.get(seedIndex % SEEDS.size());
        for (var m : mutations) {
            bytes = MutationPropertyTest.apply(bytes, m);
        }
        assertSameReport(bytes);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<MutationPropertyTest.Mutation>> mutations() {
        return new MutationPropertyTest().mutations();
    }

    @Property(tries = 300)
    void randomResultsDocumentsGetTheSameReport(@ForAll Random random) {
        StringBuilder doc = new StringBuilder();
        int entries = 1 + random.nextInt(12);
        for (int e = 0; e < entries; e++) {
            doc.append("- ").append(YamlFuzzPropertyTest.mapping(random, 2, 0).stripLeading()).append('\n');
        }
        assertSameReport(utf8(doc.toString()));
    }

    @Example
    void rootsAndBoundariesGetTheSameReport() {
        String entry = "- {dataset: {id: cais/hle, task_id: hle}, value: 20.9, date: \"2026-01-15\"}\n";
        String bad = "- {dataset: {id: cais/hle, task_id: nope}, value: 120, value: 3}\n";
        for (String doc : List.of("[]", "--- []\n", "&list [" + entry.substring(2).strip() + "]",
                "!!seq\n" + entry, "dataset: {id: cais/hle}\nvalue: 1\n", "just text", "- 1\n- [2]\n" + entry,
                entry + bad + entry, (entry + bad).repeat(20) + "- {dataset: [unclosed\n",
                (entry + bad).repeat(20) + "- *alias\n", (bad + entry).repeat(5) + "--- []\n",
                (bad + "- [" + "[".repeat(70) + "]]\n"), entry.repeat(3) + "- " + "[0, ".repeat(3) + "0]]]\n")) {
            assertSameReport(utf8(doc));
        }
    }

    @Example
    void entriesAroundTheEntryLimitGetTheSameReport() {
        int limit = VALIDATOR.config().limits().maxEntries();
        String entry = "- {dataset: {id: cais/hle, task_id: hle}, value: 120}\n";
        for (int entries : new int[] {limit, limit + 1}) {
            FileReport report = assertSameReport(utf8(entry.repeat(entries)));
            assertEquals(entries > limit, report.findings().stream().anyMatch(f -> f.code().equals("too-many-entries")));
            assertFalse(report.findings().isEmpty());
        }
    }

    private static FileReport assertSameReport(byte[] bytes) {
        FileReport whole = VALIDATOR.validate("r.yaml", bytes, true);
        FileReport streamed = VALIDATOR.validate("r.yaml", bytes, false);
        Statistics.label("entries").collect(whole.entries().isEmpty() ? "none" : "some");
        Statistics.label("findings").collect(whole.findings().isEmpty() ? "none" : "some");
        assertEquals(whole, streamed, () -> "for\n" + new String(bytes, StandardCharsets.UTF_8));
        return streamed;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
