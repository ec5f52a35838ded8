package dev.evalbot.app.registry;

import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code registry.mode} and {@code registry.offline} from {@code evalbot.yaml} and adds the Hub's
 * part ({@link HubAccess}, from the environment). The allow-list itself comes from the rules config, which has
 * already read {@code registry.benchmarks}. Wrong values fail with file:line:col.
 */
public final class RegistrySettingsParser {
    private final String file;

    public RegistrySettingsParser(String file) {
        this.file = file;
    }

    /** @param hub the Hub's part, parsed from the environment at start */
    public RegistrySettings parse(byte[] evalbotYaml, RulesConfig rules, HubAccess hub) {
        RegistryMode mode = RegistryMode.ALLOW_LIST;
        boolean offline = false;
        Node registry = registryNode(evalbotYaml);
        if (registry != null) {
            Optional<Node> modeNode = YamlNodes.get(registry, "mode");
            if (modeNode.isPresent()) {
                String text = YamlNodes.text(modeNode.get()).orElse("");
                mode = RegistryMode.parse(text).orElseThrow(() -> error(Position.of(modeNode.get()),
                        "registry.mode must be allow-list or any, found " + YamlNodes.kindOf(modeNode.get())));
            }
            Optional<Node> offlineNode = YamlNodes.get(registry, "offline");
            if (offlineNode.isPresent()) {
                String text = YamlNodes.text(offlineNode.get()).orElse("");
                if (!text.equals("true") && !text.equals("false")) {
                    throw error(Position.of(offlineNode.get()),
                            "registry.offline must be true or false, found " + YamlNodes.kindOf(offlineNode.get()));
                }
                offline = Boolean.parseBoolean(text);
            }
        }
        return RegistrySettings.defaults(rules.registeredBenchmarks())
                .withMode(mode)
                .withOffline(offline || hub.offline())
                .withEndpoint(hub.endpoint())
                .withToken(hub.token());
    }

    private Node registryNode(byte[] bytes) {
        LoadResult loaded = new SafeYamlLoader(YamlLimits.DEFAULT).load(bytes);
        if (loaded instanceof LoadResult.Refused r) {
            throw error(r.refusal().position(), r.refusal().message());
        }
        if (!(loaded instanceof LoadResult.Loaded l)) {
            return null;
        }
        Optional<Node> registry = YamlNodes.get(l.root(), "registry");
        if (registry.isEmpty() || YamlNodes.isNull(registry.get())) {
            return null;
        }
        if (!(registry.get() instanceof MappingNode)) {
            throw error(Position.of(registry.get()), "registry must be a mapping, found "
                    + YamlNodes.kindOf(registry.get()));
        }
        return registry.get();
    }

    private ConfigException error(Position p, String message) {
        return new ConfigException(file + ":" + p.line() + ":" + p.column() + ": " + message);
    }
}
