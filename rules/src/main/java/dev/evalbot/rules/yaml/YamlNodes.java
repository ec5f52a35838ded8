package dev.evalbot.rules.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Small, allocation-light accessors over snakeyaml node trees. */
public final class YamlNodes {
    /** Keys compared pairwise up to this many, through a HashSet beyond (a flood of keys stays linear). */
    static final int SMALL_MAPPING = 12;

    private YamlNodes() {}

    /** A key found more than once in one mapping, at the position of the repeat. */
    public record DuplicateKey(String key, Position position) {}

    public static Optional<Node> get(Node mapping, String key) {
        if (!(mapping instanceof MappingNode map)) {
            return Optional.empty();
        }
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }

    /** The text of a scalar that is not null ({@code ~}, {@code null} or empty). */
    public static Optional<String> text(Node node) {
        if (node instanceof ScalarNode s && !isNull(s)) {
            return Optional.of(s.getValue());
        }
        return Optional.empty();
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    public static boolean isString(Node node) {
        return node instanceof ScalarNode s && Tag.STR.equals(s.getTag());
    }

    public static boolean isNumber(Node node) {
        return node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()));
    }

    public static List<String> keys(Node mapping) {
        List<String> keys = new ArrayList<>();
        if (mapping instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k) {
                    keys.add(k.getValue());
                }
            }
        }
        return keys;
    }

    public static List<NodeTuple> entries(Node mapping) {
        return mapping instanceof MappingNode map ? map.getValue() : List.of();
    }

    public static List<Node> items(Node sequence) {
        return sequence instanceof SequenceNode seq ? seq.getValue() : List.of();
    }

    /** What a newcomer would call this node's kind, for messages such as "found a mapping". */
    public static String kindOf(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            if (Tag.NULL.equals(tag)) {
                return "nothing (null)";
            }
            if (Tag.BOOL.equals(tag)) {
                return "the boolean " + s.getValue();
            }
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                return "the number " + s.getValue();
            }
            return "the string \"" + s.getValue() + "\"";
        }
        return "an unsupported YAML value";
    }

    /** Every repeated key in every mapping under {@code node}, in document order. */
    public static List<DuplicateKey> duplicateKeys(Node node) {
        List<DuplicateKey> found = new ArrayList<>();
        collectDuplicates(node, found);
        return found;
    }

    private static boolean seenBefore(List<NodeTuple> tuples, int end, String key) {
        for (int j = 0; j < end; j++) {
            if (tuples.get(j).getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static void collectDuplicates(Node node, List<DuplicateKey> found) {
        if (node instanceof NodeComposer.KeyChecked checked && !checked.repeatsKeys()) {
            return;
        }
        if (node instanceof MappingNode map) {
            List<NodeTuple> tuples = map.getValue();
            // A results entry's mapping has a handful of keys: comparing them pairwise costs
            // nothing, where a HashSet per mapping was a fifth of a 1 MiB file's validation.
            Set<String> seen = tuples.size() > SMALL_MAPPING ? new HashSet<>() : null;
            for (int i = 0; i < tuples.size(); i++) {
                NodeTuple tuple = tuples.get(i);
                if (tuple.getKeyNode() instanceof ScalarNode k
                        && (seen != null ? !seen.add(k.getValue()) : seenBefore(tuples, i, k.getValue()))) {
                    found.add(new DuplicateKey(k.getValue(), Position.of(k)));
                }
                collectDuplicates(tuple.getValueNode(), found);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                collectDuplicates(item, found);
            }
        }
    }
}
