package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.List;

/** The reports of one model on one task, with their resolution cached until they change. */
final class ModelSlot {
    private final List<BoardEntry> reports = new ArrayList<>(2);
    private ModelResult result;

    void add(BoardEntry e) {
        reports.add(e);
        result = null;
    }

    void removePr(PrKey pr) {
        if (reports.removeIf(e -> e.prNumber() == pr.number())) {
            result = null;
        }
    }

    boolean isEmpty() {
        return reports.isEmpty();
    }

    void invalidate() {
        result = null;
    }

    ModelResult result(boolean lowerIsBetter) {
        if (result == null) {
            result = ModelResult.of(reports, lowerIsBetter);
        }
        return result;
    }
}
