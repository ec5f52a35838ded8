package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Where a new value would rank on its task's leaderboard as it is now, if it were its model's
 * shown report. The model's own current row is left out (a re-review of the same pull request must
 * not compete with itself, and a model has one row); withdrawn reports are not on the board at all.
 * Competition ranking, as on the board: a value equal to another model's shares its rank.
 *
 * @param rank 1-based rank the value would take
 * @param of rows on the board with this value placed, i.e. the other models' rows plus one
 * @param top the best value of another model, if any
 * @param bestAuthorReported the best value of another model whose shown report is verified or
 *     author tier (merged by the model's author), if any
 * @param lowerIsBetter the task's direction
 */
public record Placement(int rank, int of, OptionalDouble top, OptionalDouble bestAuthorReported,
        boolean lowerIsBetter) {

    public Placement {
        Objects.requireNonNull(top, "top");
        Objects.requireNonNull(bestAuthorReported, "bestAuthorReported");
        if (rank < 1 || rank > of) {
            throw new IllegalArgumentException("rank " + rank + " of " + of);
        }
    }

    /**
     * @param board the task's leaderboard now, or null when the task has none yet
     * @param model the model the value is for
     */
    public static Placement of(TaskBoard board, ModelKey model, double value, boolean lowerIsBetter) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        if (board == null) {
            return new Placement(1, 1, OptionalDouble.empty(), OptionalDouble.empty(), lowerIsBetter);
        }
        boolean lower = board.lowerIsBetter();
        int better = 0;
        int others = 0;
        Double top = null;
        Double author = null;
        for (Row row : board.rows()) {
            if (row.modelKey().equals(model)) {
                continue;
            }
            others++;
            double v = row.value();
            if (Ranking.compareValues(v, value, lower) < 0) {
                better++;
            }
            if (top == null || Ranking.compareValues(v, top, lower) < 0) {
                top = v;
            }
            if (row.best().tier() != Tier.COMMUNITY && (author == null || Ranking.compareValues(v, author, lower) < 0)) {
                author = v;
            }
        }
        return new Placement(better + 1, others + 1, top == null ? OptionalDouble.empty() : OptionalDouble.of(top),
                author == null ? OptionalDouble.empty() : OptionalDouble.of(author), lower);
    }

    /**
     * By how much the value beats the best other model (positive when it would be a new top
     * score, in the task's direction); empty when there is no other model.
     */
    public OptionalDouble leadOver(double value) {
        if (top.isEmpty()) {
            return OptionalDouble.empty();
        }
        double lead = lowerIsBetter ? top.getAsDouble() - value : value - top.getAsDouble();
        return OptionalDouble.of(lead);
    }
}
