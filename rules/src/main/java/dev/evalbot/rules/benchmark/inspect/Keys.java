package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.yaml.Position;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** The keys of a mapping that a pydantic model with {@code extra="forbid"} would refuse. */
final class Keys {
    private Keys() {}

    /**
     * Reports every key that is not one of {@code known}, and every key PyYAML does not read as a
     * string ({@code 1:}, {@code yes:}). {@code hints} gives a key's own hint (e.g. {@code scores}).
     */
    static void forbidOthers(MappingNode mapping, List<String> known, Map<String, String> hints, String where,
            RuleCode code, FindingSink sink) {
        for (NodeTuple t : mapping.getValue()) {
            PyValue key = PyYaml.of(t.getKeyNode());
            Position at = Position.of(t.getKeyNode());
            if (!(key instanceof PyValue.Str s)) {
                sink.addFileLevel(code, at, where + " has a key that is " + key.describe()
                        + ": Inspect's keys are strings", "remove it, or quote it if it is meant as a name");
            } else if (!known.contains(s.value())) {
                String hint = hints.getOrDefault(s.value(),
                        Suggestions.didYouMean(Suggestions.closest(s.value(), known)));
                sink.addFileLevel(code, at, where + " has the key '" + s.value() + "', which Inspect refuses",
                        hint != null ? hint : "Inspect's keys here: " + String.join(", ", known));
            }
        }
    }
}
