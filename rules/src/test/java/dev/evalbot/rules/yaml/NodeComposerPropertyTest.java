package dev.evalbot.rules.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/**
 * The loader's own composer and resolver ({@link NodeComposer}, {@link FastCoreSchema}) against
 * snakeyaml-engine's {@code Composer} and {@code CoreSchema}, the loader as it was before: for
 * generated documents, valid and broken (random trees in block and flow style with every scalar
 * kind, anchors, tags, comments, document markers, then random edits), the same refusal (code,
 * message, line:column) or the same tree (kinds, tags, values, styles, anchors, and the line,
 * column and offset of every node's start and end, the duplicate keys found in it). Whatever the validators report comes from
 * that tree or that refusal, so their findings and positions are the same too.
 */
class NodeComposerPropertyTest {
    private static final YamlLimits LIMITS = new YamlLimits(1024 * 1024, 200, 12);
    private static final SafeYamlLoader FAST = new SafeYamlLoader(LIMITS);
    private static final SafeYamlLoader REFERENCE = new SafeYamlLoader(LIMITS, true);
    private static final String[] PLAIN = {"hle", "cais/hle", "task_id", "true", "True", "FALSE", "false", "null",
        "Null", "NULL", "~", "nULL", "tRUE", "0", "12", "-3", "+4", "0x1F", "0o17", "0o8", "1.5", ".5", "1e3",
        "-1.5E-3", "+.inf", "-.Inf", ".NaN", ".nan", ".inf", "1_000", "2026-01-15", "${HOME}", "${A:-b}", "$x",
        "https://arxiv.org/abs/2311.12022", "a b", "é", "日本", "-", ".", "+", "0.", "1.2.3", "0x", "yes", "Off"};
    private static final String[] QUOTED = {"\"x\"", "'y'", "\"\"", "''", "\"true\"", "'12'", "\"a\\nb\"",
        "\"\\u00e9\"", "'it''s'"};
    private static final char[] EDITS = {':', '-', ' ', '\n', '[', ']', '{', '}', '"', '\'', '*', '&', '!', '#',
        '\t', '%', '|', '>', ',', '?', '@', '`', '\u0000', '\uFEFF'};

    @Property(tries = 400)
    void validDocumentsComposeAlike(@ForAll("documents") String doc) {
        assertSame(doc);
    }

    @Property(tries = 600)
    void brokenDocumentsAreRefusedAlike(@ForAll("edited") String doc) {
        assertSame(doc);
    }

    @Property(tries = 300)
    void scalarsResolveToCoreSchemaTags(@ForAll("scalars") String value) {
        var core = new CoreScalarResolver();
        var fast = new FastCoreSchema().getScalarResolver();
        for (boolean implicit : new boolean[] {true, false}) {
            assertEquals(core.resolve(value, implicit), fast.resolve(value, implicit), value);
        }
    }

    @Example
    void limitsAndMultipleDocumentsAreRefusedAlike() {
        assertSame("a: &x [1]\nb: *x\n");
        assertSame("- 1\n---\n- 2\n");
        assertSame("--- a\n--- b\n");
        assertSame("[[[[[[[[[[[[[[1]]]]]]]]]]]]]]");
        assertSame("- x\n".repeat(500));
        assertSame("? [a, b]\n: c\n? {d: e}\n: f\n");
        assertSame("!!str a: !custom [1, !!int 2]\n&k b: !<tag:x> c\n<<: {d: 1}\n");
        assertSame("%YAML 1.2\n--- # c\na: 1 # c\n... # c\n");
        assertSame("a: b\n  c: d\n");
        assertSame("# only a comment\n");
        StringBuilder manyKeys = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            manyKeys.append("k").append(i % 140).append(": ").append(i).append('\n');
        }
        assertSame(manyKeys.toString());
        assertSame("- " + manyKeys.toString().replace("\n", "\n  "));
        assertSame("{" + manyKeys.toString().replace("\n", ", ") + "}");
    }

    private static void assertSame(String doc) {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        LoadResult expected = REFERENCE.load(bytes);
        LoadResult actual = FAST.load(bytes);
        Statistics.label("result").collect(expected.getClass().getSimpleName());
        Statistics.label("repeats a key").collect(expected instanceof LoadResult.Loaded l
                && !YamlNodes.duplicateKeys(l.root()).isEmpty());
        assertEquals(describe(expected), describe(actual), () -> "for\n" + doc);
    }

    /** Everything a validator can read from a load result, as text. */
    private static String describe(LoadResult result) {
        if (result instanceof LoadResult.Refused r) {
            return "refused " + r.refusal();
        }
        if (result instanceof LoadResult.Loaded l) {
            StringBuilder out = new StringBuilder();
            describe(l.root(), out, 0);
            out.append("duplicate keys ").append(YamlNodes.duplicateKeys(l.root()));
            return out.toString();
        }
        return "empty";
    }

    private static void describe(Node node, StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append(node.getNodeType()).append(' ').append(node.getTag())
                .append(" anchor=").append(node.getAnchor().map(Object::toString).orElse("-"))
                .append(" start=").append(mark(node.getStartMark())).append(" end=").append(mark(node.getEndMark()));
        if (node instanceof ScalarNode s) {
            out.append(" style=").append(s.getScalarStyle()).append(" value=[").append(s.getValue()).append("]\n");
        } else if (node instanceof SequenceNode s) {
            out.append(" flow=").append(s.getFlowStyle()).append('\n');
            s.getValue().forEach(item -> describe(item, out, depth + 1));
        } else if (node instanceof MappingNode m) {
            out.append(" flow=").append(m.getFlowStyle()).append('\n');
            for (NodeTuple t : m.getValue()) {
                describe(t.getKeyNode(), out, depth + 1);
                describe(t.getValueNode(), out, depth + 1);
            }
        } else {
            out.append(" ?\n");
        }
    }

    private static String mark(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + ":" + m.getColumn() + "@" + m.getIndex()).orElse("-");
    }

    @Provide
    Arbitrary<String> scalars() {
        return Arbitraries.oneOf(Arbitraries.of(PLAIN),
                Arbitraries.strings().withChars("0123456789+-.eEoxabfnNtTlsuIiF~$ {}_:").ofMaxLength(8),
                Arbitraries.strings().ofMaxLength(6));
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.randoms().map(NodeComposerPropertyTest::document);
    }

    @Provide
    Arbitrary<String> edited() {
        return Arbitraries.randoms().map(random -> {
            StringBuilder doc = new StringBuilder(document(random));
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits && doc.length() > 0; i++) {
                int at = random.nextInt(doc.length());
                switch (random.nextInt(3)) {
                    case 0 -> doc.insert(at, EDITS[random.nextInt(EDITS.length)]);
                    case 1 -> doc.deleteCharAt(at);
                    default -> doc.setCharAt(at, EDITS[random.nextInt(EDITS.length)]);
                }
            }
            return doc.toString();
        });
    }

    private static String document(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(8) == 0) {
            out.append(random.nextBoolean() ? "--- " : "---\n");
        }
        if (random.nextInt(6) == 0) {
            out.append("# leading comment\n");
        }
        block(random, out, 0, 0);
        if (random.nextInt(10) == 0) {
            out.append(random.nextBoolean() ? "...\n" : "---\n- another\n");
        }
        return out.toString();
    }

    /** A block collection at {@code indent}, or a flow value, or a scalar, ending in a newline. */
    private static void block(Random random, StringBuilder out, int indent, int depth) {
        int kind = depth >= 4 ? 2 : random.nextInt(5);
        String pad = " ".repeat(indent);
        int n = 1 + random.nextInt(4);
        switch (kind) {
            case 0 -> {
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 && out.length() > 0 && !endsWithNewline(out) ? "" : pad).append("- ");
                    decorate(random, out);
                    if (random.nextBoolean()) {
                        out.append(flowOrScalar(random, depth)).append(comment(random)).append('\n');
                    } else {
                        out.append('\n');
                        block(random, out, indent + 2, depth + 1);
                    }
                }
            }
            case 1 -> {
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String key = random.nextInt(10) == 0 && !keys.isEmpty() ? keys.get(0) : key(random);
                    keys.add(key);
                    out.append(i == 0 && out.length() > 0 && !endsWithNewline(out) ? "" : pad).append(key).append(':');
                    if (random.nextBoolean()) {
                        out.append(' ');
                        decorate(random, out);
                        out.append(flowOrScalar(random, depth)).append(comment(random)).append('\n');
                    } else {
                        out.append('\n');
                        block(random, out, indent + 2, depth + 1);
                    }
                }
            }
            default -> out.append(pad).append(flowOrScalar(random, depth)).append('\n');
        }
    }

    private static boolean endsWithNewline(StringBuilder out) {
        return out.charAt(out.length() - 1) == '\n';
    }

    private static void decorate(Random random, StringBuilder out) {
        if (random.nextInt(8) == 0) {
            out.append('&').append("a").append(random.nextInt(3)).append(' ');
        }
        if (random.nextInt(8) == 0) {
            out.append(random.nextBoolean() ? "!!str " : random.nextBoolean() ? "! " : "!local ");
        }
    }

    private static String comment(Random random) {
        return random.nextInt(6) == 0 ? " # note" : "";
    }

    private static String key(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> QUOTED[random.nextInt(QUOTED.length)];
            case 1 -> PLAIN[random.nextInt(PLAIN.length)].replace(": ", "");
            default -> new String[] {"dataset", "id", "task_id", "value", "date", "source", "url", "notes"}[random.nextInt(8)];
        };
    }

    private static String flowOrScalar(Random random, int depth) {
        if (depth < 4 && random.nextInt(4) == 0) {
            StringBuilder flow = new StringBuilder();
            boolean mapping = random.nextBoolean();
            flow.append(mapping ? '{' : '[');
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                flow.append(i == 0 ? "" : ", ");
                if (mapping) {
                    flow.append(key(random)).append(": ");
                }
                flow.append(flowOrScalar(random, depth + 1));
            }
            return flow.append(mapping ? '}' : ']').toString();
        }
        return random.nextInt(4) == 0 ? QUOTED[random.nextInt(QUOTED.length)] : PLAIN[random.nextInt(PLAIN.length)];
    }
}
