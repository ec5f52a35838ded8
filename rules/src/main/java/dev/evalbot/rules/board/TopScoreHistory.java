package dev.evalbot.rules.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The top score of a task over time, for the leaderboard's chart: each point is a shown report
 * that beat every earlier one. Built from the rows' shown reports only, so that the last point is
 * the current rank 1 and the chart never shows a value the table does not.
 */
public final class TopScoreHistory {
    /** A new top score: {@code at} is the report's effective date. */
    public record Point(Instant at, double value, String modelRepo) {}

    private TopScoreHistory() {}

    public static List<Point> of(TaskBoard board) {
        List<BoardEntry> shown = new ArrayList<>(board.rows().size());
        board.rows().forEach(r -> shown.add(r.best()));
        // Oldest first; on the same date the better value first, so a same-day tie adds no point.
        Comparator<BoardEntry> order = Comparator.comparing(BoardEntry::effectiveDate)
                .thenComparing(Ranking.rows(board.lowerIsBetter()));
        shown.sort(order);
        List<Point> points = new ArrayList<>();
        Double top = null;
        for (BoardEntry e : shown) {
            if (top == null || Ranking.compareValues(e.value(), top, board.lowerIsBetter()) < 0) {
                top = e.value();
                points.add(new Point(e.effectiveDate(), e.value(), e.modelRepo()));
            }
        }
        return List.copyOf(points);
    }
}
