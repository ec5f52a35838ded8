package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.check.TaskMatch;
import dev.evalbot.rules.check.rules.SourceRule;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Source;
import dev.evalbot.rules.model.Task;
import dev.evalbot.rules.scale.ValueScale;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.YamlNodes;
import dev.evalbot.rules.yaml.YamlNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Maps the {@code model-index} of a model card's front matter to {@code .eval_results} entries:
 * {@code dataset.type} is the benchmark's dataset id, {@code dataset.config}/{@code split} find
 * the task through the benchmark's eval.yaml (as legacy-config does; no config reads as
 * {@code default}), each metric's value, {@code verifyToken} and the result's source carry over.
 * Metrics that share a task get notes from their name and args, which tell them apart. Whatever
 * cannot be mapped is returned with its reason. Pure: the registry is the only thing it asks.
 */
public final class ModelIndexMapper {
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private final BenchmarkRegistry registry;
    private final RulesConfig rules;
    private final ValueScale scale;

    /** Values as written: no task ranges to put them on. */
    public ModelIndexMapper(BenchmarkRegistry registry) {
        this(registry, RulesConfig.DEFAULT, new ValueScale(null));
    }

    /** @param rules the task ranges values are put on ({@link ValueScale#ofCard}) */
    public ModelIndexMapper(BenchmarkRegistry registry, RulesConfig rules, ValueScale scale) {
        this.registry = registry;
        this.rules = rules;
        this.scale = scale;
    }

    /** A metric that found its task, before notes are decided. */
    private record Candidate(String datasetId, String taskId, String revision, String value, double number,
            String verifyToken, Source source, String label, Position from) {
        String group() {
            return datasetId + "\u0000" + taskId;
        }
    }

    /** @param frontMatter the root of the card's front matter */
    public ModelIndexImport map(Node frontMatter) {
        if (!(frontMatter instanceof MappingNode)) {
            return new ModelIndexImport.Unreadable("the front matter must be a mapping of keys to values, found "
                    + YamlNodes.kindOf(frontMatter), Position.of(frontMatter));
        }
        Optional<Node> index = YamlNodes.get(frontMatter, "model-index");
        if (index.isEmpty() || YamlNodes.isNull(index.get())) {
            return new ModelIndexImport.Unreadable("the front matter has no model-index", Position.of(frontMatter));
        }
        if (!(index.get() instanceof SequenceNode models)) {
            return new ModelIndexImport.Unreadable("model-index must be a list, found "
                    + YamlNodes.kindOf(index.get()), Position.of(index.get()));
        }
        List<Candidate> candidates = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<Skipped> rescaled = new ArrayList<>();
        for (Node model : models.getValue()) {
            Optional<Node> results = YamlNodes.get(model, "results");
            if (!(results.orElse(null) instanceof SequenceNode list)) {
                skipped.add(new Skipped("model-index entry", "it has no list of results", Position.of(model)));
                continue;
            }
            for (Node result : list.getValue()) {
                mapResult(result, candidates, skipped, rescaled);
            }
        }
        return new ModelIndexImport.Mapped(withNotes(candidates, skipped), skipped, rescaled);
    }

    private void mapResult(Node result, List<Candidate> out, List<Skipped> skipped, List<Skipped> rescaled) {
        Optional<Node> metricsNode = YamlNodes.get(result, "metrics");
        if (!(metricsNode.orElse(null) instanceof SequenceNode metricList) || metricList.getValue().isEmpty()) {
            skipped.add(new Skipped("result", "it has no list of metrics", Position.of(result)));
            return;
        }
        List<Node> metrics = metricList.getValue();
        Optional<Node> dataset = YamlNodes.get(result, "dataset");
        String datasetId = dataset.flatMap(d -> text(d, "type")).orElse(null);
        if (datasetId == null) {
            skipAll(metrics, "?", "its result has no dataset.type (the benchmark's dataset id)", skipped);
            return;
        }
        String config = dataset.flatMap(d -> text(d, "config")).orElse(null);
        String split = dataset.flatMap(d -> text(d, "split")).orElse(null);
        String revision = dataset.flatMap(d -> text(d, "revision")).filter(r -> SHA.matcher(r).matches()).orElse(null);
        Lookup lookup = registry.lookup(datasetId, revision);
        if (lookup instanceof Lookup.NotRegistered) {
            String hint = Suggestions.didYouMean(Suggestions.closest(datasetId, registry.ids()));
            skipAll(metrics, datasetId, datasetId + " is not a registered benchmark" + (hint == null ? "" : " (" + hint + ")"),
                    skipped);
            return;
        }
        if (lookup instanceof Lookup.Unavailable u) {
            skipAll(metrics, datasetId, "the definition of " + datasetId + " could not be read: " + u.reason(), skipped);
            return;
        }
        Benchmark benchmark = ((Lookup.Found) lookup).benchmark();
        String effectiveConfig = config == null ? "default" : config;
        Task task = TaskMatch.resolve(benchmark, null, effectiveConfig, split).task();
        if (task == null) {
            skipAll(metrics, datasetId, taskProblem(benchmark, effectiveConfig, split), skipped);
            return;
        }
        Source source = YamlNodes.get(result, "source").filter(MappingNode.class::isInstance).map(s -> new Source(
                text(s, "url").orElse(null), text(s, "name").orElse(null), text(s, "user").orElse(null),
                text(s, "org").orElse(null))).orElse(null);
        if (source != null && (source.url() == null || !SourceRule.isAbsoluteHttps(source.url()))) {
            // A source without an https link is not a source the format accepts; the value still is.
            skipped.add(new Skipped("source of " + datasetId, "not carried over: it has no https url",
                    Position.of(YamlNodes.get(result, "source").orElse(result))));
            source = null;
        }
        String datasetArgs = dataset.flatMap(d -> YamlNodes.get(d, "args")).map(ModelIndexMapper::args).orElse("");
        for (Node metric : metrics) {
            String label = label(metric, datasetArgs);
            Optional<Node> valueNode = YamlNodes.get(metric, "value");
            OptionalDouble number = valueNode.filter(YamlNodes::isNumber).flatMap(YamlNodes::text)
                    .map(YamlNumbers::parse).orElse(OptionalDouble.empty());
            if (number.isEmpty() || !Double.isFinite(number.getAsDouble())) {
                String shown = valueNode.flatMap(YamlNodes::text).map(v -> "'" + v + "'").orElse("none");
                skipped.add(new Skipped(label + " on " + datasetId, "its value " + shown + " is not a number",
                        Position.of(valueNode.orElse(metric))));
                continue;
            }
            String written = YamlNodes.text(valueNode.get()).orElseThrow().trim();
            String value = PLAIN_DECIMAL.matcher(written).matches() ? written
                    : Double.toString(number.getAsDouble());
            String metricType = text(metric, "type").or(() -> text(metric, "name")).orElse("");
            ValueScale.Outcome onRange = scale.ofCard(value, rules.benchmark(datasetId).task(task.id()), metricType,
                    datasetId + " task " + task.id());
            if (onRange instanceof ValueScale.Outcome.Ambiguous a) {
                skipped.add(new Skipped(label + " on " + datasetId, a.reason(), Position.of(valueNode.get())));
                continue;
            }
            if (onRange instanceof ValueScale.Outcome.Rescaled r) {
                value = r.value();
                rescaled.add(new Skipped(label + " on " + datasetId, r.why(), Position.of(valueNode.get())));
            }
            out.add(new Candidate(datasetId, task.id(), revision, value, Double.parseDouble(value),
                    text(metric, "verifyToken").orElse(null), source, label, Position.of(metric)));
        }
    }

    private static String taskProblem(Benchmark benchmark, String config, String split) {
        long matching = benchmark.tasks().stream()
                .filter(t -> config.equals(t.config()) || (t.config() == null && config.equals("default")))
                .count();
        String asked = "config '" + config + "'" + (split == null ? "" : " and split '" + split + "'");
        String tasks = String.join(", ", benchmark.taskIds());
        return matching > 1 && split == null
                ? asked + " matches " + matching + " tasks of " + benchmark.id() + " (" + tasks + "); name the split"
                : "no task of " + benchmark.id() + " has " + asked + " (its tasks: " + tasks + ")";
    }

    /**
     * Metrics on the same task get notes (their label) so that the entries tell them apart; two
     * metrics alike in task and label are duplicates: the same value is kept once, different
     * values are all skipped, since which one is right cannot be told.
     */
    private static List<ImportedEntry> withNotes(List<Candidate> candidates, List<Skipped> skipped) {
        Map<String, List<Candidate>> byTask = new LinkedHashMap<>();
        candidates.forEach(c -> byTask.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c));
        List<ImportedEntry> entries = new ArrayList<>();
        for (Candidate c : candidates) {
            List<Candidate> group = byTask.get(c.group());
            long labels = group.stream().map(o -> o.label().toLowerCase(Locale.ROOT)).distinct().count();
            String notes = labels > 1 ? c.label() : null;
            List<Candidate> alike = group.stream()
                    .filter(o -> o.label().toLowerCase(Locale.ROOT).equals(c.label().toLowerCase(Locale.ROOT)))
                    .toList();
            Candidate first = alike.get(0);
            boolean sameValues = alike.stream().allMatch(o -> o.number() == first.number());
            if (alike.size() > 1 && !sameValues) {
                skipped.add(new Skipped(c.label() + " on " + c.datasetId(), "conflicting values for task " + c.taskId()
                        + ": " + String.join(", ", alike.stream().map(o -> o.value() + " (line " + o.from().line() + ")")
                        .toList()) + "; keep the right one by hand", c.from()));
                continue;
            }
            if (first != c) {
                skipped.add(new Skipped(c.label() + " on " + c.datasetId(), "a duplicate of the metric on line "
                        + first.from().line() + " (same task, name and value)", c.from()));
                continue;
            }
            entries.add(new ImportedEntry(c.datasetId(), c.taskId(), c.revision(), c.value(), c.verifyToken(),
                    c.source(), notes, c.from()));
        }
        return entries;
    }

    private static void skipAll(List<Node> metrics, String datasetId, String reason, List<Skipped> skipped) {
        for (Node metric : metrics) {
            skipped.add(new Skipped(label(metric, "") + " on " + datasetId, reason, Position.of(metric)));
        }
    }

    /** The metric's name (else its type) and its args, e.g. {@code Accuracy (num_few_shot=5)}. */
    private static String label(Node metric, String datasetArgs) {
        String name = text(metric, "name").or(() -> text(metric, "type")).orElse("metric");
        List<String> parts = new ArrayList<>();
        text(metric, "config").ifPresent(c -> parts.add("config=" + c));
        YamlNodes.get(metric, "args").map(ModelIndexMapper::args).filter(a -> !a.isEmpty()).ifPresent(parts::add);
        if (!datasetArgs.isEmpty()) {
            parts.add(datasetArgs);
        }
        return parts.isEmpty() ? name : name + " (" + String.join(", ", parts) + ")";
    }

    /** A mapping of args as {@code k=v, ...} in the card's order; a scalar as itself. */
    private static String args(Node node) {
        if (node instanceof ScalarNode) {
            return YamlNodes.text(node).orElse("");
        }
        if (!(node instanceof MappingNode map)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            String key = YamlNodes.text(t.getKeyNode()).orElse("?");
            String value = t.getValueNode() instanceof ScalarNode ? YamlNodes.text(t.getValueNode()).orElse("null")
                    : YamlNodes.kindOf(t.getValueNode());
            parts.add(key + "=" + value);
        }
        return String.join(", ", parts);
    }

    private static Optional<String> text(Node mapping, String key) {
        return YamlNodes.get(mapping, key).filter(ScalarNode.class::isInstance).flatMap(YamlNodes::text)
                .map(String::trim).filter(s -> !s.isEmpty());
    }
}
