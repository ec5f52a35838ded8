package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Whether a change to a model card touches its model-index (compared as data, not as text). */
public final class ModelIndexChange {
    /** The model card of a model repository. */
    public static final String CARD = "README.md";
    /** The one command that moves a card's model-index into .eval_results, run in a checkout. */
    public static final String MIGRATE_COMMAND = "evalbot import model-index --write .";

    private final SafeYamlLoader loader;

    public ModelIndexChange(YamlLimits limits) {
        this.loader = new SafeYamlLoader(limits);
    }

    /**
     * @param base the card before the change, or null when it is new
     * @param head the card after it
     * @return true when the head's card has a model-index that differs from the base's
     */
    public boolean changed(String base, String head) {
        Optional<String> after = modelIndex(head);
        return after.isPresent() && !after.equals(base == null ? Optional.empty() : modelIndex(base));
    }

    private Optional<String> modelIndex(String readme) {
        if (!(FrontMatter.of(readme) instanceof FrontMatter.Found found)) {
            return Optional.empty();
        }
        if (!(loader.loadText(found.yaml()) instanceof LoadResult.Loaded loaded)) {
            return Optional.empty();
        }
        return YamlNodes.get(loaded.root(), "model-index").filter(n -> !YamlNodes.isNull(n))
                .map(n -> canonical(n, new StringBuilder()).toString());
    }

    /** The node as data: layout, comments and quoting do not count. */
    private static StringBuilder canonical(Node node, StringBuilder out) {
        if (node instanceof ScalarNode s) {
            // The tag counts: 20.9 and "20.9" are different data.
            return out.append(s.getTag().getValue()).append('"').append(s.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        if (node instanceof SequenceNode seq) {
            out.append('[');
            seq.getValue().forEach(n -> canonical(n, out).append(','));
            return out.append(']');
        }
        if (node instanceof MappingNode map) {
            out.append('{');
            for (NodeTuple t : map.getValue()) {
                canonical(t.getKeyNode(), out).append(':');
                canonical(t.getValueNode(), out).append(',');
            }
            return out.append('}');
        }
        return out.append('?');
    }
}
