package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code HFTask.solvers: list[HFSolver]} and {@code scorers: list[HFScorer]}, each with
 * {@code min_length=1}: every item a mapping whose {@code name} is one of the model's literal
 * names and whose {@code args}, when given, is a mapping with string keys. Other keys of an item
 * load but are ignored (the item models keep pydantic's default), which is worth a warning.
 */
public final class StepsRule implements InspectTaskRule {
    private final String key;
    private final String singular;
    private final List<String> names;
    private final RuleCode unknownName;

    private StepsRule(String key, String singular, List<String> names, RuleCode unknownName) {
        this.key = key;
        this.singular = singular;
        this.names = names;
        this.unknownName = unknownName;
    }

    public static StepsRule solvers() {
        return new StepsRule("solvers", "solver", HfTaskModel.SOLVERS, InspectCodes.UNKNOWN_SOLVER);
    }

    public static StepsRule scorers() {
        return new StepsRule("scorers", "scorer", HfTaskModel.SCORERS, InspectCodes.UNKNOWN_SCORER);
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(InspectCodes.MISSING_FIELD, InspectCodes.FIELD_TYPE, unknownName, InspectCodes.IGNORED_KEY);
    }

    @Override
    public void check(InspectTask task, FindingSink sink) {
        String where = "inspect-ai " + task.label();
        Optional<Node> list = task.field(key);
        if (list.isEmpty()) {
            // `scores:` for `scorers:` is reported once, as the key Inspect refuses, with its fix.
            boolean misspelt = TaskKeysRule.MISSPELT.entrySet().stream()
                    .anyMatch(e -> e.getValue().equals(key) && task.field(e.getKey()).isPresent());
            if (!misspelt) {
                sink.addFileLevel(InspectCodes.MISSING_FIELD, Position.of(task.node()), where + " has no " + key,
                        "add at least one " + singular + ", e.g. " + key + ": [{name: " + names.get(0) + "}]");
            }
            return;
        }
        if (!(list.get() instanceof SequenceNode seq)) {
            sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(list.get()), where + ": " + key
                    + " must be a list for Inspect, found " + PyYaml.of(list.get()).describe(),
                    "write " + key + ": [{name: " + names.get(0) + "}]");
            return;
        }
        if (seq.getValue().isEmpty()) {
            sink.addFileLevel(InspectCodes.MISSING_FIELD, Position.of(seq), where + ": " + key
                    + " is empty; Inspect needs at least one " + singular, null);
            return;
        }
        for (Node item : seq.getValue()) {
            checkItem(where, item, sink);
        }
    }

    private void checkItem(String where, Node item, FindingSink sink) {
        if (!(item instanceof MappingNode map)) {
            PyValue v = PyYaml.of(item);
            sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(item), where + ": each " + singular
                    + " must be a mapping {name, args?} for Inspect, found " + v.describe(),
                    v instanceof PyValue.Str s ? "write {name: " + s.value() + "}" : null);
            return;
        }
        Optional<Node> name = YamlNodes.get(map, "name");
        if (name.isEmpty()) {
            sink.addFileLevel(InspectCodes.MISSING_FIELD, Position.of(item), where + ": a " + singular
                    + " has no name", known());
        } else {
            PyValue v = PyYaml.of(name.get());
            if (!(v instanceof PyValue.Str s && names.contains(s.value()))) {
                String given = v instanceof PyValue.Str s ? "'" + s.value() + "'" : v.describe();
                String guess = v instanceof PyValue.Str s
                        ? Suggestions.didYouMean(Suggestions.closest(s.value(), names)) : null;
                sink.addFileLevel(unknownName, Position.of(name.get()), where + ": " + given + " is not a "
                        + singular + " Inspect knows", guess != null ? guess + " " + known() : known());
            }
        }
        YamlNodes.get(map, "args").ifPresent(args -> checkArgs(where, args, sink));
        for (NodeTuple t : map.getValue()) {
            if (PyYaml.of(t.getKeyNode()) instanceof PyValue.Str s && !HfTaskModel.STEP_KEYS.contains(s.value())) {
                String guess = Suggestions.didYouMean(Suggestions.closest(s.value(), HfTaskModel.STEP_KEYS));
                sink.addFileLevel(InspectCodes.IGNORED_KEY, Position.of(t.getKeyNode()), where + ": Inspect ignores '"
                        + s.value() + "' in a " + singular, guess != null ? guess : "a " + singular
                        + " holds name and args; put its parameters under args");
            }
        }
    }

    private void checkArgs(String where, Node args, FindingSink sink) {
        if (!(args instanceof MappingNode map)) {
            sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(args), where + ": args of a " + singular
                    + " must be a mapping for Inspect, found " + PyYaml.of(args).describe(),
                    "write args: {name: value}, or leave args out");
            return;
        }
        for (NodeTuple t : map.getValue()) {
            PyValue k = PyYaml.of(t.getKeyNode());
            if (!(k instanceof PyValue.Str)) {
                sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(t.getKeyNode()), where + ": an argument of a "
                        + singular + " is named by " + k.describe() + "; Inspect's argument names are strings",
                        "quote the name");
            }
        }
    }

    private String known() {
        return "Inspect's " + key + ": " + String.join(", ", names);
    }
}
