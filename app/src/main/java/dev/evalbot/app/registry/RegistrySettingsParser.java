package dev.evalbot.app.registry;

import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code registry.mode} and {@code registry.offline} from {@code evalbot.yaml} and the Hub
 * settings from the environment. The allow-list itself comes from the rules config, which has
 * already read {@code registry.benchmarks}. Wrong values fail with file:line:col.
 */
public final class RegistrySettingsParser {
    public static final String ENDPOINT_ENV = "HF_ENDPOINT";
    public static final String TOKEN_ENV = "HF_TOKEN";
    /** huggingface_hub's own offline switch; honoured so one setting covers both tools. */
    public static final String HUB_OFFLINE_ENV = "HF_HUB_OFFLINE";

    private static final Set<String> TRUTHY = Set.of("1", "true", "yes", "on");

    private final String file;

    public RegistrySettingsParser(String file) {
        this.file = file;
    }

    public RegistrySettings parse(byte[] evalbotYaml, RulesConfig rules, Map<String, String> env) {
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
        String hubOffline = env.getOrDefault(HUB_OFFLINE_ENV, "").trim().toLowerCase(Locale.ROOT);
        offline |= TRUTHY.contains(hubOffline);
        return RegistrySettings.defaults(rules.registeredBenchmarks())
                .withMode(mode)
                .withOffline(offline)
                .withEndpoint(endpoint(env.get(ENDPOINT_ENV)))
                .withToken(Optional.ofNullable(env.get(TOKEN_ENV)).map(String::trim));
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

    /** The Hub's base URL; a path prefix (a mirror under /hf) is kept, a trailing slash is not. */
    static URI endpoint(String value) {
        if (value == null || value.isBlank()) {
            return RegistrySettings.DEFAULT_ENDPOINT;
        }
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with the variable's name
        }
        throw new ConfigException(ENDPOINT_ENV + " must be an http(s) URL such as " + RegistrySettings.DEFAULT_ENDPOINT
                + ", found '" + trimmed + "'");
    }

    private ConfigException error(Position p, String message) {
        return new ConfigException(file + ":" + p.line() + ":" + p.column() + ": " + message);
    }
}
