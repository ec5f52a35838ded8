package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a page of a task's leaderboard ended: the ranking keys of its last row. The next page
 * starts at the first row ranked after them in the board as it is now, so that a pull request
 * landing between two pages neither repeats nor skips the rows that did not move (an offset would
 * shift every row below the change).
 */
public record RowCursor(double value, Tier tier, Instant effectiveDate, String modelRepo, String platform) {
    public RowCursor {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(modelRepo, "modelRepo");
        Objects.requireNonNull(platform, "platform");
    }

    /** The cursor after {@code row}. */
    public static RowCursor after(Row row) {
        BoardEntry best = row.best();
        return new RowCursor(best.value(), best.tier(), best.effectiveDate(), row.modelRepo(), best.platform());
    }

    /** Index in {@code task.rows()} of the first row ranked after this cursor (its size when none): a binary search. */
    public int nextIndexIn(TaskBoard task) {
        List<Row> rows = task.rows();
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Ranking.compareRowToCursor(rows.get(mid).best(), this, task.lowerIsBetter()) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
