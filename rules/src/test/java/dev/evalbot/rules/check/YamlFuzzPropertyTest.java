package dev.evalbot.rules.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.Fixtures;
import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.yaml.YamlLimits;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated YAML beyond {@link MutationPropertyTest}'s mutations: alias bombs of random shape,
 * nesting around the depth limit, files around the size limit in 1- to 4-byte characters, node
 * floods around the node and entry limits, random unicode, and random keys and values in the
 * shape of results files and of eval.yaml. Every document goes through the results validator,
 * and all but the big floods through the eval.yaml parser and the change validator too: each ends
 * in findings with known codes, never an exception; the limits hold (the finding codes say so exactly at the boundaries); and the
 * validation allocates a bounded amount (a few MB plus a small multiple of the input), so an
 * alias cannot expand.
 */
class YamlFuzzPropertyTest {
    static final RulesConfig CONFIG = Fixtures.config();
    static final YamlLimits LIMITS = CONFIG.limits();
    static final ResultsValidator RESULTS = new ResultsValidator(CONFIG, Fixtures.registry(CONFIG), Fixtures.CLOCK);
    static final BenchmarkParser BENCHMARKS = new BenchmarkParser(CONFIG);
    static final ChangeValidator CHANGES = new ChangeValidator(CONFIG, Fixtures.registry(CONFIG), Fixtures.CLOCK);
    static final Set<String> CODES = RuleCatalog.all().stream().map(RuleCode::code).collect(Collectors.toSet());
    static final byte[] PREVIOUS_EVAL = Fixtures.read(Fixtures.CONFIG_DIR.resolve("benchmarks/cais/hle/eval.yaml"));

    /** Allocation allowed to validate a file of {@code bytes}: linear, with a small factor. */
    static long budget(int bytes) {
        return 32L * 1024 * 1024 + 64L * bytes;
    }

    /** Allocation allowed to validate a file of {@code nodes} YAML values (snakeyaml's tokens, events, marks). */
    static long nodeBudget(long nodes) {
        return 32L * 1024 * 1024 + 2048L * nodes;
    }

    static Set<String> validateEveryWay(byte[] bytes) {
        return validateEveryWay(bytes, budget(bytes.length));
    }

    /**
     * The codes the results validator reports, after validating the document every way (results
     * file, eval.yaml, change) and checking what holds for any input, with the results validation
     * allocating at most {@code budget} bytes.
     */
    static Set<String> validateEveryWay(byte[] bytes, long budget) {
        FileReport results = validateResults(bytes, budget);
        BenchmarkFile benchmark = BENCHMARKS.parse("fuzz/bench", "eval.yaml", bytes);
        ChangeReport change = CHANGES.validate("org/model", List.of(
                new ChangedFile(".eval_results/fuzz.yaml", FileKind.RESULTS, bytes),
                new ChangedFile("eval.yaml", FileKind.BENCHMARK, bytes, PREVIOUS_EVAL)));
        assertNotNull(results.verdict());
        assertNotNull(change.verdict());
        List<Finding> all = new ArrayList<>(results.findings());
        all.addAll(benchmark.findings());
        all.addAll(change.allFindings());
        for (Finding f : all) {
            assertTrue(CODES.contains(f.code()), "unknown code " + f);
            assertTrue(f.message() != null && !f.message().isBlank(), f::toString);
            assertTrue(!f.isError() || f.line() > 0 || f.code().equals("yaml-syntax"), f::toString);
        }
        return results.findings().stream().map(Finding::code).collect(Collectors.toSet());
    }

    /** The results validator alone (for the big floods, where the other ways add time, not insight). */
    static FileReport validateResults(byte[] bytes, long budget) {
        long before = allocated();
        FileReport results = RESULTS.validate(".eval_results/fuzz.yaml", bytes);
        long used = allocated() - before;
        assertTrue(before < 0 || used <= budget, "validating " + bytes.length + " bytes allocated " + used
                + " bytes, over the budget of " + budget);
        assertNotNull(results.verdict());
        return results;
    }

    static Set<String> codes(FileReport report) {
        return report.findings().stream().map(Finding::code).collect(Collectors.toSet());
    }

    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- alias bombs -------------------------------------------------------------------------

    @Property(tries = 150)
    void aliasesOfAnyShapeAreRefusedBeforeTheyExpand(@ForAll("aliasBombs") String doc) {
        Set<String> codes = validateEveryWay(utf8(doc));
        assertTrue(codes.contains("yaml-alias"), () -> codes + " for\n" + doc);
    }

    /**
     * Billion-laughs documents of random width, depth and style: each level an anchored list (or
     * mapping, or merge) of aliases to the level below, placed inside a results entry, as an
     * entry, as a key, or at the root.
     */
    @Provide
    Arbitrary<String> aliasBombs() {
        return Arbitraries.randoms().map(random -> {
            int levels = 1 + random.nextInt(12);
            int width = 2 + random.nextInt(15);
            int shape = random.nextInt(4);
            StringBuilder lines = new StringBuilder();
            String base = random.nextBoolean() ? "&a0 lol" : random.nextBoolean() ? "&a0 [lol, lol]" : "&a0 {k: lol}";
            List<String> defs = new ArrayList<>();
            defs.add(base);
            for (int l = 1; l <= levels; l++) {
                String ref = "*a" + (l - 1);
                String body = switch (random.nextInt(3)) {
                    case 0 -> "[" + String.join(", ", java.util.Collections.nCopies(width, ref)) + "]";
                    case 1 -> {
                        StringBuilder m = new StringBuilder("{");
                        for (int w = 0; w < width; w++) {
                            m.append(w == 0 ? "" : ", ").append("k").append(w).append(": ").append(ref);
                        }
                        yield m.append('}').toString();
                    }
                    default -> "{<<: " + ref + ", extra: " + ref + "}";
                };
                defs.add("&a" + l + " " + body);
            }
            switch (shape) {
                case 0 -> { // inside one entry
                    lines.append("- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n");
                    for (int l = 0; l < defs.size(); l++) {
                        lines.append("  x").append(l).append(": ").append(defs.get(l)).append('\n');
                    }
                }
                case 1 -> { // one entry per level
                    for (String def : defs) {
                        lines.append("- ").append(def).append('\n');
                    }
                }
                case 2 -> { // an alias as a key
                    lines.append("- dataset: &d {id: cais/hle, task_id: hle}\n  value: 20.9\n  *d : x\n");
                }
                default -> { // an alias to a whole earlier document part, at the root of a list
                    lines.append("- &e {dataset: {id: cais/hle, task_id: hle}, value: 20.9}\n");
                    for (int w = 0; w < width; w++) {
                        lines.append("- *e\n");
                    }
                }
            }
            return lines.toString();
        });
    }

    // ---- nesting -----------------------------------------------------------------------------

    @Property(tries = 120)
    void nestingDeeperThanTheLimitIsRefusedAndNotBefore(@ForAll @IntRange(min = 1, max = 400) int depth,
            @ForAll @IntRange(min = 0, max = 400) int blockLevels, @ForAll Random random) {
        int block = Math.min(blockLevels, Math.min(depth, 150)); // block indentation costs depth^2 bytes
        String doc = nested(depth, block, random);
        Set<String> codes = validateEveryWay(utf8(doc));
        if (depth > LIMITS.maxDepth()) {
            assertTrue(codes.contains("too-deep"), () -> depth + " levels: " + codes);
        } else {
            assertFalse(codes.contains("too-deep"), () -> depth + " levels: " + codes);
        }
    }

    /** {@code depth} nested collections: the outer {@code block} in block style, the rest in flow style. */
    static String nested(int depth, int block, Random random) {
        StringBuilder flow = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int l = block; l < depth; l++) {
            if (random.nextBoolean()) {
                flow.append('[');
                close.insert(0, ']');
            } else {
                flow.append("{k: ");
                close.insert(0, '}');
            }
        }
        String leaf = flow + "20.9" + close;
        StringBuilder doc = new StringBuilder();
        for (int l = 0; l < block; l++) {
            doc.append(" ".repeat(2 * l)).append(random.nextBoolean() ? "-\n" : "k:\n");
        }
        doc.append(" ".repeat(2 * block)).append(leaf).append('\n');
        return doc.toString();
    }

    // ---- size --------------------------------------------------------------------------------

    @Property(tries = 24)
    void filesAroundTheSizeLimitAreRefusedExactlyAboveIt(@ForAll @IntRange(min = -3000, max = 3000) int offset,
            @ForAll @IntRange(min = 0, max = 4) int kind) {
        String unit = switch (kind) {
            case 0 -> "a";
            case 1 -> "é";
            case 2 -> "€";
            case 3 -> "\uD83D\uDE00";
            default -> "\\u2028"; // an escape in a double-quoted scalar
        };
        int target = LIMITS.maxBytes() + offset;
        String head = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  notes: \"";
        String tail = "\"\n";
        int room = target - utf8(head).length - utf8(tail).length;
        StringBuilder notes = new StringBuilder();
        int unitBytes = utf8(unit).length;
        notes.append(unit.repeat(Math.max(0, room / unitBytes)));
        notes.append("a".repeat(Math.max(0, room - (room / unitBytes) * unitBytes)));
        byte[] bytes = utf8(head + notes + tail);
        Set<String> codes = validateEveryWay(bytes);
        if (bytes.length > LIMITS.maxBytes()) {
            assertTrue(codes.contains("file-too-large"), () -> bytes.length + " bytes: " + codes);
        } else {
            assertFalse(codes.contains("file-too-large"), () -> bytes.length + " bytes: " + codes);
            assertFalse(codes.contains("yaml-syntax"), () -> bytes.length + " bytes: " + codes);
        }
    }

    /**
     * snakeyaml-engine 2.9 threw IndexOutOfBoundsException when one of its 1,025-character reads
     * ended on the first half of a surrogate pair: an emoji at character 1,024 or 2,049 of a file.
     */
    @Example
    void anEmojiAtAReadBoundaryIsJustText() {
        for (int[] range : new int[][] {{1000, 1050}, {2030, 2070}}) {
            for (int at = range[0]; at <= range[1]; at++) {
                String head = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  notes: \"";
                String doc = head + "a".repeat(at - head.length()) + "\uD83D\uDE00 done\"\n";
                Set<String> codes = validateEveryWay(utf8(doc));
                int where = at;
                assertFalse(codes.contains("yaml-syntax"), () -> "emoji at " + where + ": " + codes);
            }
        }
    }

    // ---- node and entry floods ---------------------------------------------------------------

    @Example
    void valuesUpToTheNodeLimitAreReadAndOneMoreIsRefused() {
        for (int nodes : new int[] {LIMITS.maxNodes(), LIMITS.maxNodes() + 1}) {
            // Entries are flow lists of zeros, 200 values each, and one shorter: the root counts too.
            StringBuilder doc = new StringBuilder();
            int left = nodes - 1;
            while (left > 0) {
                int width = Math.min(199, left - 1);
                doc.append("- [").append(width == 0 ? "" : "0,".repeat(width - 1) + "0").append("]\n");
                left -= 1 + width;
            }
            Set<String> codes = codes(validateResults(utf8(doc.toString()), nodeBudget(nodes)));
            if (nodes > LIMITS.maxNodes()) {
                assertTrue(codes.contains("too-many-entries"), () -> nodes + " nodes: " + codes);
            } else {
                assertFalse(codes.contains("too-many-entries"), () -> nodes + " nodes: " + codes);
                assertTrue(codes.contains("entry-not-a-mapping"), () -> nodes + " nodes: " + codes);
            }
        }
    }

    @Example
    void entriesUpToTheEntryLimitAreReadAndOneMoreIsRefused() {
        for (int entries : new int[] {LIMITS.maxEntries(), LIMITS.maxEntries() + 1}) {
            String doc = "- {dataset: {id: cais/hle, task_id: hle}, value: 20.9}\n".repeat(entries);
            Set<String> codes = codes(validateResults(utf8(doc), nodeBudget(8L * entries)));
            if (entries > LIMITS.maxEntries()) {
                assertTrue(codes.contains("too-many-entries"), () -> entries + " entries: " + codes);
            } else {
                assertFalse(codes.contains("too-many-entries"), () -> entries + " entries: " + codes);
            }
        }
    }

    // ---- random text -------------------------------------------------------------------------

    @Property(tries = 300)
    void randomUnicodeOrBytesOnlyEverProduceFindings(@ForAll("noise") byte[] bytes) {
        validateEveryWay(bytes);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(2000).map(YamlFuzzPropertyTest::utf8),
                Arbitraries.strings().withChars(":-[]{}&*!|>'\"%@`#,?\n\t \u0085\u2028\u2029\uFEFF\u202E\u0000\u001b")
                        .ofMaxLength(400).map(YamlFuzzPropertyTest::utf8),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000));
    }

    // ---- random keys and values in the results and eval.yaml shapes --------------------------

    static final List<String> RESULT_KEYS = List.of("dataset", "id", "task_id", "config", "split", "revision",
            "value", "date", "source", "url", "name", "user", "notes", "verifyToken", "metrics", "tasks",
            "evaluation_framework", "description", "field_spec", "solvers", "scorers", "input", "target",
            "lower_is_better", "<<");
    static final List<String> INTERESTING_SCALARS = List.of("20.9", "0.412", "1e400", "-1e400", ".nan", ".inf",
            "-.inf", "0x1F", "0o17", "0xFFFFFFFFFFFFFFFFFF", "1_000", "1e-2147483648", "1.5e99999999999", "-0", "~",
            "null", "true", "no", "yes", "2026-01-15", "2026-02-30", "2026-13-45", "9999-12-31T23:59:60Z",
            "2026-01-15T25:61:00+99:00", "0000-00-00", "-999999999-01-01", "https://arxiv.org/abs/2311.12022",
            "http://example.com", "javascript:alert(1)", "https://[::1]:99999/x", "https://", "https://a b",
            "cais/hle", "hle", "Idavidrein/gpqa", "gpqa_diamond", "a3c98f7", "zzzzzzz", "inspect-ai", "!!binary aGk=",
            "!!str 20.9", "!!int 3", "!!float x", "!!set {a, b}", "!!omap [a: 1]", "!custom x", "|\n  block", ">-");

    @Property(tries = 400)
    void randomResultsAndEvalDocumentsOnlyEverProduceFindings(@ForAll Random random) {
        StringBuilder doc = new StringBuilder();
        if (random.nextInt(4) == 0) {
            doc.append(mapping(random, 0, 0)).append('\n'); // an eval.yaml-like mapping, or a mistake
        } else {
            int entries = 1 + random.nextInt(6);
            for (int e = 0; e < entries; e++) {
                doc.append("- ").append(mapping(random, 2, 0).stripLeading()).append('\n');
            }
        }
        validateEveryWay(utf8(doc.toString()));
    }

    /** A block mapping at {@code indent}, keys mostly from the formats, values of any kind. */
    static String mapping(Random random, int indent, int depth) {
        StringBuilder m = new StringBuilder();
        int keys = 1 + random.nextInt(7);
        for (int k = 0; k < keys; k++) {
            String key = random.nextInt(5) == 0 ? quoted(randomText(random, 12)) : RESULT_KEYS.get(
                    random.nextInt(RESULT_KEYS.size()));
            m.append(k == 0 && indent > 0 ? " ".repeat(indent) : " ".repeat(indent)).append(key).append(':');
            int kind = depth >= 3 ? random.nextInt(3) : random.nextInt(6);
            switch (kind) {
                case 0 -> m.append(' ').append(INTERESTING_SCALARS.get(random.nextInt(INTERESTING_SCALARS.size())));
                case 1 -> m.append(' ').append(quoted(randomText(random, random.nextInt(8) == 0 ? 5000 : 40)));
                case 2 -> m.append(' ').append(flow(random, depth));
                case 3, 4 -> m.append('\n').append(mapping(random, indent + 2, depth + 1));
                default -> {
                    m.append('\n');
                    int items = random.nextInt(4);
                    for (int i = 0; i < items; i++) {
                        m.append(" ".repeat(indent + 2)).append("- ")
                                .append(random.nextBoolean() ? flow(random, depth + 1)
                                        : mapping(random, indent + 4, depth + 1).stripLeading());
                        m.append('\n');
                    }
                    if (items == 0) {
                        m.append(" ".repeat(indent + 2)).append("[]\n");
                    }
                }
            }
            if (m.charAt(m.length() - 1) != '\n') {
                m.append('\n');
            }
        }
        return m.toString().stripTrailing();
    }

    static String flow(Random random, int depth) {
        return switch (depth > 4 ? random.nextInt(2) : random.nextInt(4)) {
            case 0 -> INTERESTING_SCALARS.get(random.nextInt(INTERESTING_SCALARS.size())).replace("\n", " ");
            case 1 -> quoted(randomText(random, 30));
            case 2 -> "[" + flow(random, depth + 1) + ", " + flow(random, depth + 1) + "]";
            default -> "{" + RESULT_KEYS.get(random.nextInt(RESULT_KEYS.size())) + ": " + flow(random, depth + 1)
                    + ", " + quoted(randomText(random, 6)) + ": " + flow(random, depth + 1) + "}";
        };
    }

    /** Any code points: controls, surrogates (alone or paired), bidi marks, BOM, line separators. */
    static String randomText(Random random, int max) {
        int n = random.nextInt(max + 1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) random.nextInt(0x80));
                case 1 -> s.append((char) random.nextInt(0x10000));
                case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 3 -> s.append("\u202E\u2066\uFEFF\u2028\u0085".charAt(random.nextInt(5)));
                default -> s.append((char) ('a' + random.nextInt(26)));
            }
        }
        return s.toString();
    }

    /** A YAML double-quoted scalar; control characters and lone surrogates as escapes, all else as is. */
    static String quoted(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !pairedSurrogate)) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
