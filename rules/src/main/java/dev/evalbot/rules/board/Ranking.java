package dev.evalbot.rules.board;

import java.util.Comparator;

/**
 * The two orders of a leaderboard, in one place so that full and incremental aggregation agree.
 * Both are total (they end on keys unique to a report or a row), so results are deterministic
 * whatever the input order. Written out by hand rather than chained from {@code Comparator.comparing}:
 * they run millions of times in a full aggregation.
 */
final class Ranking {
    private static final Comparator<BoardEntry> REPORTS_HIGHER = (a, b) -> compareReports(a, b, false);
    private static final Comparator<BoardEntry> REPORTS_LOWER = (a, b) -> compareReports(a, b, true);
    private static final Comparator<BoardEntry> ROWS_HIGHER = (a, b) -> compareRows(a, b, false);
    private static final Comparator<BoardEntry> ROWS_LOWER = (a, b) -> compareRows(a, b, true);
    private static final Comparator<ModelSlot> SLOTS_HIGHER = (a, b) -> compareSlots(a, b, false);
    private static final Comparator<ModelSlot> SLOTS_LOWER = (a, b) -> compareSlots(a, b, true);

    private Ranking() {}

    /**
     * Which of one model's reports is shown: most trusted tier (log-checked before bare), then newest date, then the latest
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

    /** {@link #rows} for resolved model slots; compares the values kept in the slots first. */
    static Comparator<ModelSlot> slots(boolean lowerIsBetter) {
        return lowerIsBetter ? SLOTS_LOWER : SLOTS_HIGHER;
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

    private static int compareReports(BoardEntry a, BoardEntry b, boolean lowerIsBetter) {
        int c = a.tier().compareTo(b.tier());
        if (c == 0) {
            c = Boolean.compare(b.logChecked(), a.logChecked()); // a report its cited log backs, before a bare one
        }
        if (c == 0) {
            c = b.effectiveDate().compareTo(a.effectiveDate());
        }
        if (c == 0) {
            c = b.updatedAt().compareTo(a.updatedAt());
        }
        if (c == 0) {
            c = compareValues(a.value(), b.value(), lowerIsBetter);
        }
        if (c == 0) {
            c = a.file().compareTo(b.file());
        }
        if (c == 0) {
            c = Integer.compare(a.line(), b.line());
        }
        return c != 0 ? c : Integer.compare(a.prNumber(), b.prNumber());
    }

    private static int compareRows(BoardEntry a, BoardEntry b, boolean lowerIsBetter) {
        int c = compareValues(a.value(), b.value(), lowerIsBetter);
        if (c == 0) {
            c = a.tier().compareTo(b.tier());
        }
        if (c == 0) {
            c = a.effectiveDate().compareTo(b.effectiveDate());
        }
        if (c == 0) {
            c = a.modelRepo().compareTo(b.modelRepo());
        }
        return c != 0 ? c : a.platform().compareTo(b.platform());
    }

    /** {@link #rows} between a row's shown report and a {@link RowCursor} (the same keys, in the same order). */
    static int compareRowToCursor(BoardEntry a, RowCursor b, boolean lowerIsBetter) {
        int c = compareValues(a.value(), b.value(), lowerIsBetter);
        if (c == 0) {
            c = a.tier().compareTo(b.tier());
        }
        if (c == 0) {
            c = a.effectiveDate().compareTo(b.effectiveDate());
        }
        if (c == 0) {
            c = a.modelRepo().compareTo(b.modelRepo());
        }
        return c != 0 ? c : a.platform().compareTo(b.platform());
    }

    private static int compareSlots(ModelSlot a, ModelSlot b, boolean lowerIsBetter) {
        int byValue = compareValues(a.value, b.value, lowerIsBetter);
        return byValue != 0 ? byValue : compareRows(a.best, b.best, lowerIsBetter);
    }
}
