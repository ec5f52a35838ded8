package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One model's reports on one task, resolved: the shown report (null when none is eligible), the
 * others, and what the task's totals need.
 */
record ModelResult(BoardEntry best, List<BoardEntry> others, int[] counts, int excluded, Instant lastChange) {

    static ModelResult of(List<BoardEntry> reports, boolean lowerIsBetter) {
        List<BoardEntry> eligible = new ArrayList<>(reports.size());
        int[] counts = new int[Tier.values().length];
        int excluded = 0;
        Instant lastChange = null;
        for (BoardEntry e : reports) {
            if (lastChange == null || e.updatedAt().isAfter(lastChange)) {
                lastChange = e.updatedAt();
            }
            if (e.eligible()) {
                eligible.add(e);
                counts[e.tier().ordinal()]++;
            } else {
                excluded++;
            }
        }
        if (eligible.isEmpty()) {
            return new ModelResult(null, List.of(), counts, excluded, lastChange);
        }
        eligible.sort(Ranking.reports(lowerIsBetter));
        return new ModelResult(eligible.get(0), List.copyOf(eligible.subList(1, eligible.size())), counts,
                excluded, lastChange);
    }
}
