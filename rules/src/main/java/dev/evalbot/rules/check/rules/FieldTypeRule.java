package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Text fields hold text: notes, verifyToken, dataset.task_id/config/split, source.name/user/org. */
public final class FieldTypeRule implements EntryRule {
    public static final RuleCode WRONG_TYPE = new RuleCode("wrong-type", Severity.ERROR,
            "text fields (notes, verifyToken, task_id, config, split, source.name, source.user, source.org) hold text");

    private static final List<String> DATASET_TEXT = List.of("task_id", "config", "split");
    private static final List<String> SOURCE_TEXT = List.of("name", "user", "org");

    @Override
    public List<RuleCode> codes() {
        return List.of(WRONG_TYPE);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        expectText(entry, sink, "", "notes", entry.field("notes"));
        expectText(entry, sink, "", "verifyToken", entry.field("verifyToken"));
        Optional<Node> dataset = entry.field("dataset");
        for (String key : DATASET_TEXT) {
            expectText(entry, sink, "dataset.", key, dataset.flatMap(d -> YamlNodes.get(d, key)));
        }
        Optional<Node> source = entry.field("source");
        for (String key : SOURCE_TEXT) {
            expectText(entry, sink, "source.", key, source.flatMap(s -> YamlNodes.get(s, key)));
        }
    }

    private void expectText(EntryContext entry, FindingSink sink, String prefix, String key, Optional<Node> node) {
        if (node.isEmpty() || YamlNodes.isNull(node.get())) {
            return;
        }
        // Plain scalars such as `split: 2024` are fine as text; lists and mappings are not.
        if (!(node.get() instanceof ScalarNode)) {
            entry.report(sink, WRONG_TYPE, entry.positionOf(node),
                    prefix + key + " must be text, found " + YamlNodes.kindOf(node.get()), null);
        }
    }
}
