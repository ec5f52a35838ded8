package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.Position;
import java.util.List;

/** The outcome of reading a model card's model-index. */
public sealed interface ModelIndexImport {
    /**
     * @param entries what could be mapped, in the card's order
     * @param skipped everything that could not, each with its reason
     */
    record Mapped(List<ImportedEntry> entries, List<Skipped> skipped) implements ModelIndexImport {
        public Mapped {
            entries = List.copyOf(entries);
            skipped = List.copyOf(skipped);
        }
    }

    /** No model-index to read: the card lacks one, or it is not a list. */
    record Unreadable(String message, Position position) implements ModelIndexImport {}
}
