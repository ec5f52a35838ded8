package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** The entry names a dataset, and that dataset is a registered benchmark. */
public final class DatasetRule implements EntryRule {
    public static final RuleCode MISSING_DATASET = new RuleCode("missing-dataset", Severity.ERROR,
            "the entry has a dataset mapping with an id");
    public static final RuleCode UNREGISTERED = new RuleCode("unregistered-benchmark", Severity.ERROR,
            "dataset.id is a registered benchmark (its dataset repo has an eval.yaml)");
    public static final RuleCode UNAVAILABLE = new RuleCode("benchmark-unavailable", Severity.ERROR,
            "the benchmark's definition could be read");
    public static final RuleCode DEFINITION_NOTICE = new RuleCode("benchmark-source", Severity.NOTICE,
            "where the benchmark definition came from, when it is not the expected revision");

    @Override
    public List<RuleCode> codes() {
        return List.of(MISSING_DATASET, UNREGISTERED, UNAVAILABLE, DEFINITION_NOTICE);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        Optional<Node> dataset = entry.field("dataset");
        if (dataset.isEmpty() || !(dataset.get() instanceof MappingNode)) {
            entry.report(sink, MISSING_DATASET, entry.positionOf(dataset),
                    dataset.isEmpty() ? "entry " + entry.index() + " has no dataset"
                            : "dataset must be a mapping, found " + YamlNodes.kindOf(dataset.get()),
                    "add `dataset: {id: owner/name, task_id: ...}`");
            return;
        }
        Optional<Node> id = entry.datasetField("id");
        if (entry.datasetId() == null) {
            entry.report(sink, MISSING_DATASET, entry.positionOf(id.or(() -> dataset)),
                    id.isEmpty() ? "entry " + entry.index() + " has no dataset.id"
                            : "dataset.id must be a string, found " + YamlNodes.kindOf(id.get()),
                    "dataset.id is the benchmark's Hub dataset id, e.g. `cais/hle`");
            return;
        }
        Lookup lookup = entry.lookup();
        if (lookup instanceof Lookup.NotRegistered nr) {
            String hint = Suggestions.didYouMean(Suggestions.closest(entry.datasetId(), entry.registry().ids()));
            entry.report(sink, UNREGISTERED, entry.positionOf(id),
                    entry.datasetId() + " is not a registered benchmark",
                    hint != null ? hint : nr.howToRegister());
        } else if (lookup instanceof Lookup.Unavailable u) {
            entry.report(sink, UNAVAILABLE, entry.positionOf(id),
                    "the definition of " + entry.datasetId() + " could not be read: " + u.reason(),
                    "this is not a problem with the file; evalbot reviews again when the definition is back");
        } else if (lookup instanceof Lookup.Found f && f.notice() != null) {
            entry.report(sink, DEFINITION_NOTICE, entry.positionOf(id), f.notice(), null);
        }
    }
}
