package dev.evalbot.rules.board;

import java.util.List;
import java.util.Objects;

/**
 * One model on one task's leaderboard.
 *
 * @param rank 1-based competition rank: equal values share a rank and the next rank skips (1, 1, 3)
 * @param modelRepo the model repository id (with {@code best.platform()} it identifies the row)
 * @param best the report shown: most trusted tier first, then the newest (see {@link Aggregator})
 * @param others every other eligible report of the model on this task, in the same preference
 *     order (other variants by notes, other tiers), for "expand"; none is dropped
 */
public record Row(int rank, String modelRepo, BoardEntry best, List<BoardEntry> others) {
    public Row {
        Objects.requireNonNull(modelRepo, "modelRepo");
        Objects.requireNonNull(best, "best");
        others = List.copyOf(others);
        if (rank < 1) {
            throw new IllegalArgumentException("rank is 1-based, got " + rank);
        }
    }

    public ModelKey modelKey() {
        return new ModelKey(best.platform(), modelRepo);
    }

    public double value() {
        return best.value();
    }

    /** Number of reports in the row, the shown one included. */
    public int reports() {
        return 1 + others.size();
    }
}
