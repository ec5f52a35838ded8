package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reports of one model on one task, and what they last contributed to the task's rows and
 * totals. A plain array: most models have one or two reports per task, and there are many slots.
 */
final class ModelSlot {
    private static final BoardEntry[] NONE = new BoardEntry[0];

    final ModelKey key;
    private BoardEntry[] reports = NONE;
    /** What the task's rows and totals currently hold for this model; null before the first ranking. */
    ModelResult contributed;
    /** Queued for the next ranking. */
    boolean dirty;

    ModelSlot(ModelKey key) {
        this.key = key;
    }

    void add(BoardEntry e) {
        reports = Arrays.copyOf(reports, reports.length + 1);
        reports[reports.length - 1] = e;
    }

    /** @return how many reports were removed */
    int removePr(int prNumber) {
        int kept = 0;
        BoardEntry[] next = new BoardEntry[reports.length];
        for (BoardEntry e : reports) {
            if (e.prNumber() != prNumber) {
                next[kept++] = e;
            }
        }
        int removed = reports.length - kept;
        reports = kept == 0 ? NONE : Arrays.copyOf(next, kept);
        return removed;
    }

    List<BoardEntry> reportsOf(int prNumber) {
        List<BoardEntry> out = new ArrayList<>(reports.length);
        for (BoardEntry e : reports) {
            if (e.prNumber() == prNumber) {
                out.add(e);
            }
        }
        return out;
    }

    boolean isEmpty() {
        return reports.length == 0;
    }

    /** The current resolution, or null when the slot has no reports left. */
    ModelResult resolve(boolean lowerIsBetter) {
        return isEmpty() ? null : ModelResult.of(key, reports, lowerIsBetter);
    }
}
