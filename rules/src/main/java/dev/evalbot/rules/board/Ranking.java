package dev.evalbot.rules.board;

import java.util.Comparator;

/**
 * The two orders of a leaderboard, in one place so that full and incremental aggregation agree.
 * Both are total (they end on keys unique to a report or a row), so results are deterministic
 * whatever the input order.
 */
final class Ranking {
    private static final Comparator<BoardEntry> REPORTS_HIGHER = reportOrder(false);
    private static final Comparator<BoardEntry> REPORTS_LOWER = reportOrder(true);
    private static final Comparator<BoardEntry> ROWS_HIGHER = rowOrder(false);
    private static final Comparator<BoardEntry> ROWS_LOWER = rowOrder(true);

    private Ranking() {}

    /**
     * Which of one model's reports is shown: most trusted tier, then newest date, then the latest
     * stored, then the better value, then position (file, line, PR) so that nothing is left to chance.
     */
    static Comparator<BoardEntry> reports(boolean lowerIsBetter) {
        return lowerIsBetter ? REPORTS_LOWER : REPORTS_HIGHER;
    }

    /**
     * Rows, by their shown report: better value first; on equal values (same rank) the more trusted
     * tier, then whoever reported it first, then the model id.
     */
    static Comparator<BoardEntry> rows(boolean lowerIsBetter) {
        return lowerIsBetter ? ROWS_LOWER : ROWS_HIGHER;
    }

    /** Negative when {@code a} is the better value. */
    static int compareValues(double a, double b, boolean lowerIsBetter) {
        // Adding 0.0 turns -0.0 into 0.0: Double.compare tells them apart, a ranking must not.
        int ascending = Double.compare(a + 0.0, b + 0.0);
        return lowerIsBetter ? ascending : -ascending;
    }

    static boolean sameValue(double a, double b) {
        return Double.compare(a + 0.0, b + 0.0) == 0;
    }

    private static Comparator<BoardEntry> reportOrder(boolean lowerIsBetter) {
        return Comparator.comparing(BoardEntry::tier)
                .thenComparing(BoardEntry::effectiveDate, Comparator.reverseOrder())
                .thenComparing(BoardEntry::updatedAt, Comparator.reverseOrder())
                .thenComparing((a, b) -> compareValues(a.value(), b.value(), lowerIsBetter))
                .thenComparing(BoardEntry::file)
                .thenComparingInt(BoardEntry::line)
                .thenComparingInt(BoardEntry::prNumber);
    }

    private static Comparator<BoardEntry> rowOrder(boolean lowerIsBetter) {
        Comparator<BoardEntry> byValue = (a, b) -> compareValues(a.value(), b.value(), lowerIsBetter);
        return byValue.thenComparing(BoardEntry::tier)
                .thenComparing(BoardEntry::effectiveDate)
                .thenComparing(BoardEntry::modelRepo)
                .thenComparing(BoardEntry::platform);
    }
}
