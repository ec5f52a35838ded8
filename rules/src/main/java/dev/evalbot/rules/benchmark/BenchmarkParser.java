package dev.evalbot.rules.benchmark;

import dev.evalbot.rules.benchmark.inspect.InspectRules;
import dev.evalbot.rules.benchmark.inspect.InspectTask;
import dev.evalbot.rules.check.FileCodes;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import dev.evalbot.rules.yaml.LoadResult;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.SafeYamlLoader;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Parses and validates a benchmark's {@code eval.yaml} as the Hub defines it. The same checks
 * run for the shipped registry, a definition fetched from the Hub, and a pull request that
 * changes one. Keys the Hub may add later ({@code metrics}, {@code epochs}, ...) are kept, except in
 * the tasks of an {@code inspect-ai} definition, which must load in Inspect's own loader
 * ({@link InspectRules}).
 */
public final class BenchmarkParser {
    private final RulesConfig config;
    private final SafeYamlLoader loader;

    public BenchmarkParser(RulesConfig config) {
        this.config = config;
        this.loader = new SafeYamlLoader(config.limits());
    }

    public BenchmarkFile parse(String datasetId, String path, byte[] bytes) {
        FindingSink sink = new FindingSink(path, config);
        LoadResult loaded = loader.load(bytes);
        if (loaded instanceof LoadResult.Refused r) {
            sink.addFileLevel(FileCodes.forRefusal(r.refusal().code()), r.refusal().position(),
                    r.refusal().message(), r.refusal().hint());
            return new BenchmarkFile(path, Optional.empty(), sink.findings());
        }
        if (!(loaded instanceof LoadResult.Loaded l)) {
            sink.addFileLevel(FileCodes.EMPTY_FILE, Position.START, "eval.yaml is empty",
                    "declare name, description, evaluation_framework and tasks");
            return new BenchmarkFile(path, Optional.empty(), sink.findings());
        }
        Node root = l.root();
        if (!(root instanceof MappingNode)) {
            sink.addFileLevel(BenchmarkCodes.NOT_A_MAPPING, Position.of(root),
                    "eval.yaml must be a mapping, found " + YamlNodes.kindOf(root), null);
            return new BenchmarkFile(path, Optional.empty(), sink.findings());
        }
        for (var dup : YamlNodes.duplicateKeys(root)) {
            sink.addFileLevel(FileCodes.DUPLICATE_KEY, dup.position(), "duplicate key '" + dup.key() + "'",
                    "remove one of the two");
        }
        String name = requiredString(root, "name", sink);
        String description = requiredString(root, "description", sink);
        String framework = requiredString(root, "evaluation_framework", sink);
        if (framework != null && !config.frameworks().contains(framework)) {
            sink.addFileLevel(BenchmarkCodes.UNKNOWN_FRAMEWORK,
                    Position.of(YamlNodes.get(root, "evaluation_framework").get()),
                    "'" + framework + "' is not a known evaluation framework",
                    Optional.ofNullable(Suggestions.didYouMean(Suggestions.closest(framework, config.frameworks())))
                            .orElse("known frameworks: " + String.join(", ", config.frameworks().stream().sorted().toList())));
        }
        Boolean topLower = lowerIsBetter(root, sink);
        List<Task> tasks = tasks(root, "inspect-ai".equals(framework), topLower != null && topLower, sink);
        // What only Inspect's loader refuses makes a change to the file invalid, but the Hub still
        // shows the benchmark's leaderboards: results for it are reviewed as usual.
        boolean usable = name != null && description != null && framework != null && !tasks.isEmpty()
                && sink.findings().stream().noneMatch(f -> f.isError() && !InspectRules.reports(f.code()));
        Optional<Benchmark> benchmark = usable
                ? Optional.of(new Benchmark(datasetId, name, description, framework, tasks))
                : Optional.empty();
        return new BenchmarkFile(path, benchmark, sink.findings());
    }

    private List<Task> tasks(Node root, boolean inspect, boolean lowerByDefault, FindingSink sink) {
        Optional<Node> tasksNode = YamlNodes.get(root, "tasks");
        if (tasksNode.isEmpty()) {
            sink.addFileLevel(BenchmarkCodes.MISSING_FIELD, Position.START, "eval.yaml has no tasks",
                    "add a tasks list with at least one task id");
            return List.of();
        }
        if (!(tasksNode.get() instanceof SequenceNode) || YamlNodes.items(tasksNode.get()).isEmpty()) {
            sink.addFileLevel(BenchmarkCodes.NO_TASKS, Position.of(tasksNode.get()),
                    "tasks must be a non-empty list, found " + YamlNodes.kindOf(tasksNode.get()), null);
            return List.of();
        }
        List<Task> tasks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (Node t : YamlNodes.items(tasksNode.get())) {
            index++;
            if (!(t instanceof MappingNode)) {
                sink.addFileLevel(BenchmarkCodes.BAD_FIELD, Position.of(t),
                        "task " + index + " must be a mapping with an id, found " + YamlNodes.kindOf(t), null);
                continue;
            }
            Optional<Node> idNode = YamlNodes.get(t, "id");
            String id = idNode.filter(YamlNodes::isString).flatMap(YamlNodes::text).orElse(null);
            if (inspect) {
                InspectRules.check(new InspectTask((MappingNode) t,
                        id != null && !id.isBlank() ? "task '" + id + "'" : "task " + index), sink);
            }
            if (id == null || id.isBlank()) {
                sink.addFileLevel(BenchmarkCodes.TASK_MISSING_ID, Position.of(idNode.orElse(t)),
                        idNode.isEmpty() || YamlNodes.isNull(idNode.get()) || YamlNodes.isString(idNode.get())
                                ? "task " + index + " has no id"
                                : "task " + index + "'s id must be a string, found " + YamlNodes.kindOf(idNode.get()),
                        "give every task a unique string id");
                continue;
            }
            if (!ids.add(id)) {
                sink.addFileLevel(BenchmarkCodes.DUPLICATE_TASK_ID, Position.of(idNode.get()),
                        "task id '" + id + "' is used twice", "task ids must be unique: each is one leaderboard");
            }
            // In an inspect-ai task the Inspect rules report a config or split of the wrong type.
            String configName = optionalString(t, "config", inspect ? null : sink);
            String split = optionalString(t, "split", inspect ? null : sink);
            Boolean lower = lowerIsBetter(t, sink);
            tasks.add(new Task(id, configName, split, lower != null ? lower : lowerByDefault, Position.of(t).line()));
        }
        return tasks;
    }

    /** The first declared metric's {@code lower_is_better}, or null when nothing is declared. */
    private Boolean lowerIsBetter(Node node, FindingSink sink) {
        Optional<Node> metrics = YamlNodes.get(node, "metrics");
        if (metrics.isEmpty()) {
            return null;
        }
        List<Node> items = YamlNodes.items(metrics.get());
        if (!(metrics.get() instanceof SequenceNode) || items.isEmpty()) {
            sink.addFileLevel(BenchmarkCodes.BAD_FIELD, Position.of(metrics.get()),
                    "metrics must be a list of {id, name?, lower_is_better?}", null);
            return null;
        }
        Optional<Node> flag = YamlNodes.get(items.get(0), "lower_is_better");
        if (flag.isEmpty()) {
            return null;
        }
        String text = YamlNodes.text(flag.get()).orElse("");
        if (!text.equals("true") && !text.equals("false")) {
            sink.addFileLevel(BenchmarkCodes.BAD_FIELD, Position.of(flag.get()),
                    "lower_is_better must be true or false, found " + YamlNodes.kindOf(flag.get()), null);
            return null;
        }
        return Boolean.parseBoolean(text);
    }

    private String requiredString(Node root, String key, FindingSink sink) {
        Optional<Node> node = YamlNodes.get(root, key);
        if (node.isEmpty() || YamlNodes.isNull(node.get())) {
            sink.addFileLevel(BenchmarkCodes.MISSING_FIELD, Position.of(node.orElse(root)),
                    "eval.yaml has no " + key, null);
            return null;
        }
        if (!YamlNodes.isString(node.get())) {
            sink.addFileLevel(BenchmarkCodes.BAD_FIELD, Position.of(node.get()),
                    key + " must be a string, found " + YamlNodes.kindOf(node.get()), null);
            return null;
        }
        return YamlNodes.text(node.get()).orElse(null);
    }

    /** A scalar's text, or null; a mapping or list is reported to {@code sink} unless it is null. */
    private String optionalString(Node parent, String key, FindingSink sink) {
        Optional<Node> node = YamlNodes.get(parent, key);
        if (node.isEmpty() || YamlNodes.isNull(node.get())) {
            return null;
        }
        if (!(node.get() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode)) {
            if (sink == null) {
                return null;
            }
            sink.addFileLevel(BenchmarkCodes.BAD_FIELD, Position.of(node.get()),
                    key + " must be a string, found " + YamlNodes.kindOf(node.get()), null);
            return null;
        }
        return YamlNodes.text(node.get()).orElse(null);
    }
}
