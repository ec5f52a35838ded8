package dev.evalbot.rules.check;

import dev.evalbot.rules.board.Placement;
import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.yaml.Position;
import java.util.Objects;

/**
 * A valid results entry and where it would rank on its leaderboard now: what a
 * {@link PlacementRule} looks at.
 *
 * @param index 1-based index of the entry in its file
 * @param at where the entry's value is
 * @param policy evalbot's configuration of the task (its range scales margins)
 */
public record PlacedEntry(String datasetId, String taskId, int index, Position at, double value,
        Placement placement, TaskPolicy policy) {
    public PlacedEntry {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(placement, "placement");
        policy = policy == null ? TaskPolicy.NONE : policy;
    }
}
