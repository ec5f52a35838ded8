package dev.evalbot.app.store;

import dev.evalbot.rules.tier.Tier;
import java.util.Objects;

/**
 * One results entry as reviewed, ready for the leaderboards.
 *
 * @param file path of the results file in the model repository
 * @param line 1-based line of the entry in that file
 * @param entryIndex 1-based index of the entry in that file
 * @param date ISO-8601 date or date-time as written (or the commit time), or null
 * @param attribution who the source attributes the result to ({@code source.org}, else {@code source.user}), or null
 * @param revision {@code dataset.revision} as submitted (the benchmark dataset's commit or branch), or null
 * @param logChecked the evaluation log its source cites agreed with it: the "log-checked" mark
 */
public record ReviewedEntry(String file, int line, int entryIndex, String datasetId, String taskId, double value,
        String date, String notes, String sourceUrl, String sourceName, Tier tier, String attribution,
        String revision, boolean logChecked) {
    public ReviewedEntry {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(tier, "tier");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a reviewed value is finite");
        }
    }
}
