package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The {@code base_model} a model card (README.md) declares in its front matter: one id or a list
 * of ids (a merge names several). The Hub's leaderboards leave a model that declares one out by
 * default, as a derivative of the model it names.
 */
public final class BaseModels {
    private final SafeYamlLoader loader;

    public BaseModels(YamlLimits limits) {
        this.loader = new SafeYamlLoader(limits);
    }

    /**
     * @return the declared base models in the card's order, empty when it declares none, has no
     *     front matter, or its front matter is not YAML that can be read (then nothing is known)
     */
    public List<String> declared(String readme) {
        if (readme == null || !(FrontMatter.of(readme) instanceof FrontMatter.Found found)) {
            return List.of();
        }
        if (!(loader.loadText(found.yaml()) instanceof LoadResult.Loaded loaded)) {
            return List.of();
        }
        Node value = YamlNodes.get(loaded.root(), "base_model").orElse(null);
        List<String> out = new ArrayList<>();
        if (value instanceof ScalarNode) {
            YamlNodes.text(value).map(String::strip).filter(s -> !s.isEmpty()).ifPresent(out::add);
        } else if (value instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof ScalarNode) {
                    YamlNodes.text(item).map(String::strip).filter(s -> !s.isEmpty()).ifPresent(out::add);
                }
            }
        }
        return List.copyOf(out);
    }
}
