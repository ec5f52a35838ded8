package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One model's reports on one task, resolved: the shown report (null when none is eligible), the
 * others, and its share of the task's totals. Keeps the shown value in a field of its own so that
 * ranking compares it without reaching into the report.
 */
final class ModelResult {
    final ModelKey key;
    final BoardEntry best;
    final List<BoardEntry> others;
    final double value;
    final int verified;
    final int author;
    final int community;
    final int excluded;
    final Instant lastChange;

    private ModelResult(ModelKey key, BoardEntry best, List<BoardEntry> others, int verified, int author,
            int community, int excluded, Instant lastChange) {
        this.key = key;
        this.best = best;
        this.others = others;
        this.value = best == null ? Double.NaN : best.value();
        this.verified = verified;
        this.author = author;
        this.community = community;
        this.excluded = excluded;
        this.lastChange = lastChange;
    }

    boolean hasRow() {
        return best != null;
    }

    static ModelResult of(ModelKey key, BoardEntry[] reports, boolean lowerIsBetter) {
        if (reports.length == 1) {
            // The common case, without a list or a sort.
            BoardEntry e = reports[0];
            if (!e.eligible()) {
                return new ModelResult(key, null, List.of(), 0, 0, 0, 1, e.updatedAt());
            }
            Tier t = e.tier();
            return new ModelResult(key, e, List.of(), t == Tier.VERIFIED ? 1 : 0, t == Tier.AUTHOR ? 1 : 0,
                    t == Tier.COMMUNITY ? 1 : 0, 0, e.updatedAt());
        }
        List<BoardEntry> eligible = new ArrayList<>(reports.length);
        int verified = 0;
        int author = 0;
        int community = 0;
        Instant lastChange = null;
        for (BoardEntry e : reports) {
            if (lastChange == null || e.updatedAt().isAfter(lastChange)) {
                lastChange = e.updatedAt();
            }
            if (e.eligible()) {
                eligible.add(e);
                switch (e.tier()) {
                    case VERIFIED -> verified++;
                    case AUTHOR -> author++;
                    case COMMUNITY -> community++;
                }
            }
        }
        int excluded = reports.length - eligible.size();
        if (eligible.isEmpty()) {
            return new ModelResult(key, null, List.of(), 0, 0, 0, excluded, lastChange);
        }
        eligible.sort(Ranking.reports(lowerIsBetter));
        return new ModelResult(key, eligible.get(0), List.copyOf(eligible.subList(1, eligible.size())), verified,
                author, community, excluded, lastChange);
    }
}
