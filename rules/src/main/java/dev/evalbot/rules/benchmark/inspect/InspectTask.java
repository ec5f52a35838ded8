package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.yaml.YamlNodes;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One task mapping of an {@code inspect-ai} eval.yaml, as the rules see it.
 *
 * @param node the task's mapping
 * @param label how messages name it: "task 'gsm8k'", or "task 2" when it has no string id
 */
public record InspectTask(MappingNode node, String label) {
    public Optional<Node> field(String key) {
        return YamlNodes.get(node, key);
    }
}
