package dev.evalbot.rules.check;

import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.yaml.Position;
import dev.evalbot.rules.yaml.YamlNodes;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Everything a rule may look at for one entry, resolved once by the validator so that rules
 * stay independent of each other and of I/O.
 *
 * @param lookup the registry's answer for {@code dataset.id}; null when the entry has no id
 * @param value the entry's value when it is a finite number ({@link #valueOf}); rules other than
 *     the type rule use this
 */
public record EntryContext(
        int index,
        Node entry,
        String datasetId,
        Lookup lookup,
        TaskMatch match,
        TaskPolicy policy,
        RulesConfig config,
        BenchmarkRegistry registry,
        Instant now,
        OptionalDouble value) {

    public Optional<Node> field(String key) {
        return YamlNodes.get(entry, key);
    }

    public Optional<Node> datasetField(String key) {
        return field("dataset").flatMap(d -> YamlNodes.get(d, key));
    }

    /** The value of {@code entry} when it is a finite number, read once for all the rules. */
    public static OptionalDouble valueOf(Node entry) {
        return YamlNodes.get(entry, "value").filter(YamlNodes::isNumber).flatMap(YamlNodes::text)
                .map(dev.evalbot.rules.yaml.YamlNumbers::parse)
                .filter(d -> d.isPresent() && Double.isFinite(d.getAsDouble()))
                .orElse(OptionalDouble.empty());
    }

    public Position position() {
        return Position.of(entry);
    }

    public Position positionOf(Optional<Node> node) {
        return node.map(Position::of).orElse(position());
    }

    /** Whether the task ranks lower-is-better, by configuration first, then by its eval.yaml. */
    public boolean lowerIsBetter() {
        if (policy.lowerIsBetter() != null) {
            return policy.lowerIsBetter();
        }
        return match.task() != null && match.task().lowerIsBetter();
    }

    public void report(FindingSink sink, RuleCode code, Position at, String message, String hint) {
        sink.add(code, datasetId, index, at, message, hint);
    }
}
