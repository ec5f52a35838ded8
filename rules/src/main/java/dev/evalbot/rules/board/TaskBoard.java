package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The leaderboard of one task of one benchmark.
 *
 * @param lowerIsBetter true when rows are ranked ascending (error rates, costs)
 * @param rows one per model with at least one eligible report, best first
 * @param counts eligible reports per tier (every tier present, 0 when none), shown rows and
 *     expandable ones alike
 * @param excluded reports stored for this task but off the leaderboard (closed, rejected, hidden)
 * @param lastChange the newest {@code updatedAt} of the task's reports, excluded ones included
 *     (closing or hiding a PR is a change of the board)
 */
public record TaskBoard(String taskId, boolean lowerIsBetter, List<Row> rows, Map<Tier, Integer> counts,
        int excluded, Instant lastChange) {

    public TaskBoard {
        Objects.requireNonNull(taskId, "taskId");
        // RankedRows is immutable already; copying it would build every Row.
        rows = rows instanceof RankedRows ? rows : List.copyOf(rows);
        Map<Tier, Integer> all = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            all.put(t, counts.getOrDefault(t, 0));
        }
        counts = Collections.unmodifiableMap(all);
    }

    public int count(Tier tier) {
        return counts.get(tier);
    }

    /** Eligible reports on this task, all tiers. */
    public int reports() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Optional<Row> row(String platform, String modelRepo) {
        return rows.stream().filter(r -> r.modelRepo().equals(modelRepo) && r.best().platform().equals(platform))
                .findFirst();
    }
}
