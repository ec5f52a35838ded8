package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code HFTask.field_spec} is required and is an {@code HFFieldSpec}, a dataclass that takes only
 * its own fields (the task's {@code extra="forbid"} reaches it): {@code input}, {@code target},
 * {@code id}, {@code sandbox}, {@code files}, {@code setup} strings; {@code input_image} a string
 * or null; {@code choices} a column or a list of columns, or null; {@code metadata} a list of
 * columns or null. Every field has a default, so {@code field_spec: {}} loads: Inspect then reads
 * the columns {@code input} and {@code target}, which is worth a warning.
 */
public final class FieldSpecRule implements InspectTaskRule {
    private static final List<String> STRINGS = List.of("input", "target", "id", "sandbox", "files", "setup");

    @Override
    public List<RuleCode> codes() {
        return List.of(InspectCodes.MISSING_FIELD, InspectCodes.FIELD_TYPE, InspectCodes.UNKNOWN_KEY,
                InspectCodes.DEFAULT_COLUMN);
    }

    @Override
    public void check(InspectTask task, FindingSink sink) {
        String where = "inspect-ai " + task.label();
        Optional<Node> field = task.field("field_spec");
        if (field.isEmpty()) {
            sink.addFileLevel(InspectCodes.MISSING_FIELD, Position.of(task.node()), where + " has no field_spec",
                    "field_spec names the dataset's columns, e.g. field_spec: {input: question, target: answer}");
            return;
        }
        if (!(field.get() instanceof MappingNode spec)) {
            sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(field.get()), where
                    + ": field_spec must be a mapping for Inspect, found " + PyYaml.of(field.get()).describe(),
                    "e.g. field_spec: {input: question, target: answer}");
            return;
        }
        Keys.forbidOthers(spec, HfTaskModel.FIELD_SPEC_KEYS, Map.of(), where + " field_spec",
                InspectCodes.UNKNOWN_KEY, sink);
        for (String key : STRINGS) {
            YamlNodes.get(spec, key).ifPresent(n -> {
                if (!(PyYaml.of(n) instanceof PyValue.Str)) {
                    wrongType(where, key, n, "a column name (a string)", sink);
                }
            });
        }
        YamlNodes.get(spec, "input_image").ifPresent(n -> {
            if (!(PyYaml.of(n) instanceof PyValue.Str || PyYaml.of(n) instanceof PyValue.Null)) {
                wrongType(where, "input_image", n, "a column name (a string)", sink);
            }
        });
        YamlNodes.get(spec, "choices").ifPresent(n -> {
            PyValue v = PyYaml.of(n);
            if (!(v instanceof PyValue.Str || v instanceof PyValue.Null || allStrings(n))) {
                wrongType(where, "choices", n, "a column name or a list of column names", sink);
            }
        });
        YamlNodes.get(spec, "metadata").ifPresent(n -> {
            if (!(PyYaml.of(n) instanceof PyValue.Null || allStrings(n))) {
                wrongType(where, "metadata", n, "a list of column names", sink);
            }
        });
        for (String column : List.of("input", "target")) {
            if (YamlNodes.get(spec, column).isEmpty()) {
                sink.addFileLevel(InspectCodes.DEFAULT_COLUMN, Position.of(spec), where + " field_spec names no "
                        + column + ": Inspect reads the column `" + column + "`",
                        "name the dataset's " + column + " column, e.g. " + column + ": "
                                + (column.equals("input") ? "question" : "answer"));
            }
        }
    }

    private static boolean allStrings(Node node) {
        return PyYaml.of(node) instanceof PyValue.Sequence
                && YamlNodes.items(node).stream().allMatch(i -> PyYaml.of(i) instanceof PyValue.Str);
    }

    private static void wrongType(String where, String key, Node node, String expected, FindingSink sink) {
        sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(node), where + ": field_spec " + key + " must be "
                + expected + " for Inspect, found " + PyYaml.of(node).describe(),
                node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode ? "quote it if it is a column name" : null);
    }
}
