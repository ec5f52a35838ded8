package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.yaml.Position;
import java.util.List;

/** The outcome of reading a model card's model-index. */
public sealed interface ModelIndexImport {
    /**
     * @param entries what could be mapped, in the card's order
     * @param skipped everything that could not, each with its reason
     * @param rescaled values put on their task's range, each with what was done
     */
    record Mapped(List<ImportedEntry> entries, List<Skipped> skipped, List<Skipped> rescaled) implements ModelIndexImport {
        public Mapped {
            entries = List.copyOf(entries);
            skipped = List.copyOf(skipped);
            rescaled = List.copyOf(rescaled);
        }
    }

    /** No model-index to read: the card lacks one, or it is not a list. */
    record Unreadable(String message, Position position) implements ModelIndexImport {}
}
