package dev.evalbot.rules.check;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random mutations of the valid examples (bytes flipped, inserted, deleted, lines duplicated or
 * cut) never make the validator throw: every input ends in a report, and every error finding
 * says where it is.
 */
class MutationPropertyTest {
    private static final ResultsValidator VALIDATOR = Fixtures.validator();
    private static final List<byte[]> SEEDS = List.of(
            seed("valid-full.yaml"), seed("valid-minimal.yaml"), seed("valid-legacy-config.yaml"));
    private static final byte[] INTERESTING = ":-[]{}&*!|>'\"%@`#,?\n\t \u0000\u00ff0.9e".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    private static byte[] seed(String name) {
        try {
            return Files.readAllBytes(Path.of("src/test/resources/examples/results", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Mutation(int kind, int at, int length, byte b) {}

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 40),
                Arbitraries.oneOf(Arbitraries.of(toObjects(INTERESTING)), Arbitraries.bytes()))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    private static Byte[] toObjects(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    @Property(tries = 2000)
    void mutatedFilesOnlyEverProduceFindings(@ForAll("mutations") List<Mutation> mutations,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2) int seedIndex) {
        byte[] bytes = SEEDS.get(seedIndex);
        for (Mutation m : mutations) {
            bytes = apply(bytes, m);
        }
        FileReport report = VALIDATOR.validate("mutant.yaml", bytes);
        assertNotNull(report.verdict());
        for (Finding f : report.findings()) {
            assertTrue(f.message() != null && !f.message().isBlank());
            assertTrue(!f.isError() || f.line() > 0 || f.code().equals("yaml-syntax"), f::toString);
        }
    }

    static byte[] apply(byte[] in, Mutation m) {
        if (in.length == 0) {
            return new byte[] {m.b()};
        }
        int at = m.at() % in.length;
        int len = Math.min(m.length(), in.length - at);
        var out = new java.io.ByteArrayOutputStream();
        switch (m.kind()) {
            case 0 -> { // flip a byte
                byte[] copy = in.clone();
                copy[at] = m.b();
                return copy;
            }
            case 1 -> { // insert
                out.write(in, 0, at);
                out.write(m.b());
                out.write(in, at, in.length - at);
            }
            case 2 -> { // delete a run
                out.write(in, 0, at);
                out.write(in, at + len, in.length - at - len);
            }
            case 3 -> { // duplicate a run (repeats keys, lines, entries)
                out.write(in, 0, at + len);
                out.write(in, at, in.length - at);
            }
            default -> { // truncate
                out.write(in, 0, at);
            }
        }
        return out.toByteArray();
    }
}
