package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.Position;
import java.util.List;
import java.util.Map;

/** The outcome of turning a model card's model-index into {@code .eval_results} files. */
public sealed interface ModelCardImport {
    /** The card could not be read: no front matter, bad YAML, no model-index. */
    record Failed(String message, Position position) implements ModelCardImport {}

    /**
     * @param entries every entry written, validated without error
     * @param skipped every metric (or source) that was not carried over, with its reason
     * @param warnings validation warnings on the entries written, at the card's metric
     * @param rescaled values put on their task's range ({@link dev.evalbot.rules.scale.ValueScale#ofCard}), at the card's value
     * @param files one results file per benchmark: its name under {@code .eval_results/} to its YAML
     * @param combined all entries as one results file (a list may mix benchmarks), for printing
     */
    record Done(List<ImportedEntry> entries, List<Skipped> skipped, List<Skipped> warnings, List<Skipped> rescaled,
            Map<String, String> files, String combined) implements ModelCardImport {
        public Done {
            rescaled = List.copyOf(rescaled);
            entries = List.copyOf(entries);
            skipped = List.copyOf(skipped);
            warnings = List.copyOf(warnings);
            files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
        }
    }
}
