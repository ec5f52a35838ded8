package dev.evalbot.app.board;

import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Where each benchmark's leaderboard is published besides the built-in pages, from
 * {@code benchmarks.<id>.publish} in {@code evalbot.yaml}:
 * <pre>
 * publish:
 *   github: owner/repo        # commit leaderboard.json and LEADERBOARD.md there (default branch)
 *   hub: true                 # commit them to the benchmark's own dataset repository on the Hub
 *   webhook: https://...      # POST the JSON, signed with EVALBOT_PUBLISH_SECRET
 * </pre>
 */
public record PublishTargets(Map<String, Target> byBenchmark) {
    /** One benchmark's targets; null fields are not configured. */
    public record Target(String githubRepo, boolean hub, URI webhook) {}

    public PublishTargets {
        byBenchmark = Map.copyOf(byBenchmark);
    }

    public Optional<Target> of(String benchmarkId) {
        return Optional.ofNullable(byBenchmark.get(benchmarkId));
    }

    public static PublishTargets parse(String file, byte[] evalbotYaml) {
        Map<String, Target> out = new HashMap<>();
        if (evalbotYaml.length == 0) {
            return new PublishTargets(out);
        }
        LoadResult loaded = new SafeYamlLoader(YamlLimits.DEFAULT).load(evalbotYaml);
        if (!(loaded instanceof LoadResult.Loaded l)) {
            return new PublishTargets(out);
        }
        for (NodeTuple t : YamlNodes.entries(YamlNodes.get(l.root(), "benchmarks").orElse(null))) {
            String id = YamlNodes.text(t.getKeyNode()).orElse("");
            Optional<Node> publish = YamlNodes.get(t.getValueNode(), "publish");
            if (publish.isEmpty()) {
                continue;
            }
            String github = YamlNodes.get(publish.get(), "github").flatMap(YamlNodes::text).orElse(null);
            if (github != null && !github.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
                throw error(file, publish.get(), "publish.github must be owner/repo, got '" + github + "'");
            }
            boolean hub = YamlNodes.get(publish.get(), "hub").flatMap(YamlNodes::text).map("true"::equals).orElse(false);
            URI webhook = null;
            Optional<String> url = YamlNodes.get(publish.get(), "webhook").flatMap(YamlNodes::text);
            if (url.isPresent()) {
                webhook = URI.create(url.get());
                if (!"https".equals(webhook.getScheme()) && !"http".equals(webhook.getScheme())) {
                    throw error(file, publish.get(), "publish.webhook must be an http(s) URL");
                }
            }
            out.put(id, new Target(github, hub, webhook));
        }
        return new PublishTargets(out);
    }

    private static ConfigException error(String file, Node at, String message) {
        Position p = Position.of(at);
        return new ConfigException(file + ":" + p.line() + ":" + p.column() + ": " + message);
    }
}
