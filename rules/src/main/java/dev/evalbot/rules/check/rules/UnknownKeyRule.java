package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.yaml.Position;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Keys the format does not define: a warning (the format grows), with a guess at typos. */
public final class UnknownKeyRule implements EntryRule {
    public static final RuleCode UNKNOWN_KEY = new RuleCode("unknown-key", Severity.WARNING,
            "every key is one the results format defines (others are ignored)");

    static final Set<String> ENTRY_KEYS = Set.of("dataset", "value", "verifyToken", "date", "source", "notes");
    static final Set<String> DATASET_KEYS = Set.of("id", "task_id", "config", "split", "revision");
    static final Set<String> SOURCE_KEYS = Set.of("url", "name", "user", "org");

    @Override
    public List<RuleCode> codes() {
        return List.of(UNKNOWN_KEY);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        checkKeys(entry, entry.entry(), "", ENTRY_KEYS, sink);
        entry.field("dataset").ifPresent(d -> checkKeys(entry, d, "dataset.", DATASET_KEYS, sink));
        entry.field("source").ifPresent(s -> checkKeys(entry, s, "source.", SOURCE_KEYS, sink));
    }

    /**
     * A key the format defines one level up or down ({@code revision:} beside {@code dataset:}
     * instead of under it): a hint naming where it belongs, or null.
     */
    private static String elsewhere(String key, String prefix) {
        for (String level : List.of("", "dataset.", "source.")) {
            if (!level.equals(prefix) && keysOf(level).contains(key)) {
                String where = level.isEmpty() ? "at the top of the entry, beside `dataset:`"
                        : "under `" + level.substring(0, level.length() - 1) + ":`";
                return "did you mean `" + level + key + "`? it belongs " + where;
            }
        }
        return null;
    }

    private static Set<String> keysOf(String level) {
        return switch (level) {
            case "dataset." -> DATASET_KEYS;
            case "source." -> SOURCE_KEYS;
            default -> ENTRY_KEYS;
        };
    }

    private void checkKeys(EntryContext entry, Node mapping, String prefix, Set<String> known, FindingSink sink) {
        if (!(mapping instanceof org.snakeyaml.engine.v2.nodes.MappingNode map)) {
            return;
        }
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !known.contains(k.getValue())) {
                String hint = elsewhere(k.getValue(), prefix);
                if (hint == null) {
                    hint = Suggestions.didYouMean(Suggestions.closest(k.getValue(), known));
                }
                entry.report(sink, UNKNOWN_KEY, Position.of(k),
                        "unknown key '" + prefix + k.getValue() + "' (ignored)",
                        hint != null ? hint : "known keys here: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
