package dev.evalbot.rules.config;

import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlLimits;
import dev.evalbot.rules.yaml.YamlNodes;
import dev.evalbot.rules.yaml.YamlNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the rules part of {@code evalbot.yaml}. Unknown top-level sections are left to the app
 * (server, commands, publishing); wrong values here fail with the file, line and column.
 */
public final class RulesConfigParser {
    private final String file;

    public RulesConfigParser(String file) {
        this.file = file;
    }

    public RulesConfig parse(byte[] bytes) {
        LoadResult loaded = new SafeYamlLoader(YamlLimits.DEFAULT).load(bytes);
        if (loaded instanceof LoadResult.Refused r) {
            throw error(r.refusal().position(), r.refusal().message());
        }
        if (!(loaded instanceof LoadResult.Loaded l)) {
            return RulesConfig.DEFAULT;
        }
        Node root = l.root();
        var duplicates = YamlNodes.duplicateKeys(root);
        if (!duplicates.isEmpty()) {
            throw error(duplicates.get(0).position(), "duplicate key '" + duplicates.get(0).key() + "'");
        }
        RulesConfig d = RulesConfig.DEFAULT;
        Node limitsNode = YamlNodes.get(root, "limits").orElse(null);
        YamlLimits limits = new YamlLimits(
                intAt(limitsNode, "max_file_bytes", d.limits().maxBytes()),
                intAt(limitsNode, "max_entries", d.limits().maxEntries()),
                intAt(limitsNode, "max_depth", d.limits().maxDepth()));
        int maxFiles = intAt(limitsNode, "max_files_per_change", d.maxFilesPerChange());
        Set<String> frameworks = YamlNodes.get(root, "frameworks")
                .map(n -> Set.copyOf(strings(n, "frameworks")))
                .orElse(d.frameworks());
        List<String> registered = YamlNodes.get(root, "registry")
                .flatMap(r -> YamlNodes.get(r, "benchmarks"))
                .map(n -> strings(n, "registry.benchmarks"))
                .orElse(List.of());
        Map<String, Optional<Severity>> rules = YamlNodes.get(root, "rules").map(this::severities).orElse(Map.of());
        int grace = intAt(YamlNodes.get(root, "dates").orElse(null), "future_grace_hours", d.futureDateGraceHours());
        Map<String, BenchmarkPolicy> benchmarks = new HashMap<>();
        Node benchmarksNode = YamlNodes.get(root, "benchmarks").orElse(null);
        for (NodeTuple t : YamlNodes.entries(benchmarksNode)) {
            String id = key(t);
            benchmarks.put(id, benchmarkPolicy(t.getValueNode()));
        }
        Set<String> allIds = new LinkedHashSet<>(registered);
        return new RulesConfig(limits, frameworks, new ArrayList<>(allIds), benchmarks, rules, grace, maxFiles);
    }

    private BenchmarkPolicy benchmarkPolicy(Node node) {
        Map<String, TaskPolicy> tasks = new HashMap<>();
        for (NodeTuple t : YamlNodes.entries(YamlNodes.get(node, "tasks").orElse(null))) {
            tasks.put(key(t), taskPolicy(t.getValueNode()));
        }
        Map<String, Optional<Severity>> rules = YamlNodes.get(node, "rules").map(this::severities).orElse(Map.of());
        return new BenchmarkPolicy(tasks, rules);
    }

    private TaskPolicy taskPolicy(Node node) {
        Double min = null;
        Double max = null;
        Optional<Node> range = YamlNodes.get(node, "range");
        if (range.isPresent()) {
            List<Node> bounds = YamlNodes.items(range.get());
            if (!(range.get() instanceof SequenceNode) || bounds.size() != 2) {
                throw error(Position.of(range.get()), "range must be a list of two numbers, e.g. [0, 100]");
            }
            min = number(bounds.get(0));
            max = number(bounds.get(1));
            if (min >= max) {
                throw error(Position.of(range.get()), "range must go from a lower to a higher number");
            }
        }
        Integer samples = YamlNodes.get(node, "samples").map(n -> (int) number(n)).orElse(null);
        if (samples != null && samples <= 0) {
            throw error(Position.of(YamlNodes.get(node, "samples").get()), "samples must be a positive whole number");
        }
        Boolean lower = YamlNodes.get(node, "lower_is_better").map(n -> bool(n)).orElse(null);
        Double tolerance = YamlNodes.get(node, "tolerance").map(this::number).orElse(null);
        return new TaskPolicy(min, max, samples, lower, tolerance);
    }

    private Map<String, Optional<Severity>> severities(Node node) {
        Map<String, Optional<Severity>> out = new HashMap<>();
        for (NodeTuple t : YamlNodes.entries(node)) {
            String value = YamlNodes.text(t.getValueNode()).orElse("");
            if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false")) {
                out.put(key(t), Optional.empty());
            } else {
                Severity s = Severity.parse(value).orElseThrow(() -> error(Position.of(t.getValueNode()),
                        "expected error, warning, notice or off, found '" + value + "'"));
                out.put(key(t), Optional.of(s));
            }
        }
        return out;
    }

    private int intAt(Node parent, String key, int fallback) {
        if (parent == null) {
            return fallback;
        }
        return YamlNodes.get(parent, key).map(n -> {
            double v = number(n);
            if (v <= 0 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw error(Position.of(n), key + " must be a positive whole number");
            }
            return (int) v;
        }).orElse(fallback);
    }

    private double number(Node n) {
        if (!YamlNodes.isNumber(n)) {
            throw error(Position.of(n), "expected a number, found " + YamlNodes.kindOf(n));
        }
        return YamlNodes.text(n).flatMap(t -> {
            var d = YamlNumbers.parse(t);
            return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
        }).orElseThrow(() -> error(Position.of(n), "expected a number"));
    }

    private boolean bool(Node n) {
        String t = YamlNodes.text(n).orElse("");
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw error(Position.of(n), "expected true or false, found " + YamlNodes.kindOf(n));
    }

    private List<String> strings(Node n, String what) {
        if (!(n instanceof SequenceNode)) {
            throw error(Position.of(n), what + " must be a list, found " + YamlNodes.kindOf(n));
        }
        List<String> out = new ArrayList<>();
        for (Node item : YamlNodes.items(n)) {
            out.add(YamlNodes.text(item).orElseThrow(() -> error(Position.of(item), what + " items must be strings")));
        }
        return out;
    }

    private String key(NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(Position.of(t.getKeyNode()), "keys must be plain strings");
    }

    private ConfigException error(Position p, String message) {
        return new ConfigException(file + ":" + p.line() + ":" + p.column() + ": " + message);
    }
}
