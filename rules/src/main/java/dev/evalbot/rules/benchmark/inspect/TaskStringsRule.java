package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code HFTask.config} and {@code split} are {@code str} (pydantic turns no number, boolean or
 * date into one), {@code id} is {@code str | None}. {@code config: 2021} or {@code split: no}
 * does not load.
 */
public final class TaskStringsRule implements InspectTaskRule {
    @Override
    public List<RuleCode> codes() {
        return List.of(InspectCodes.FIELD_TYPE);
    }

    @Override
    public void check(InspectTask task, FindingSink sink) {
        // An id that is not a string in evalbot's own reading is already reported by the parser.
        task.field("id").filter(YamlNodes::isString).ifPresent(n -> string(task, "id", n, true, sink));
        task.field("config").ifPresent(n -> string(task, "config", n, false, sink));
        task.field("split").ifPresent(n -> string(task, "split", n, false, sink));
    }

    static void string(InspectTask task, String key, Node node, boolean nullable, FindingSink sink) {
        PyValue v = PyYaml.of(node);
        if (v instanceof PyValue.Str || nullable && v instanceof PyValue.Null) {
            return;
        }
        Optional<String> text = YamlNodes.text(node);
        sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(node),
                "inspect-ai " + task.label() + ": " + key + " must be a string for Inspect, found " + v.describe(),
                text.isPresent() && !(v instanceof PyValue.Mapping) && !(v instanceof PyValue.Sequence)
                        ? "quote it: " + key + ": \"" + text.get() + "\"" : null);
    }
}
