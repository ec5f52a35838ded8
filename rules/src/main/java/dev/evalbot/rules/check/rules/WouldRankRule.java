package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.board.Placement;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.PlacedEntry;
import dev.evalbot.rules.check.PlacementRule;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import java.util.List;

/**
 * Says where each valid entry would rank now, e.g. "would rank 3 of 41 on cais/hle / hle; best
 * author-reported 24.6", so that reviewers see at once whether a result is ordinary or remarkable.
 */
public final class WouldRankRule implements PlacementRule {
    public static final RuleCode WOULD_RANK = new RuleCode("would-rank", Severity.NOTICE,
            "where each valid entry would rank on its task's leaderboard now (withdrawn reports not counted)");

    @Override
    public List<RuleCode> codes() {
        return List.of(WOULD_RANK);
    }

    @Override
    public void check(PlacedEntry entry, FindingSink sink) {
        sink.add(WOULD_RANK, entry.datasetId(), entry.index(), entry.at(), message(entry), null);
    }

    static String message(PlacedEntry entry) {
        Placement p = entry.placement();
        StringBuilder m = new StringBuilder("would rank ").append(p.rank()).append(" of ").append(p.of())
                .append(" on ").append(entry.datasetId()).append(" / ").append(entry.taskId());
        if (p.of() == 1) {
            m.append(" (the first result on this leaderboard)");
        }
        p.bestAuthorReported().ifPresent(v -> m.append("; best author-reported ").append(ValueRangeRule.fmt(v)));
        if (p.bestAuthorReported().isEmpty()) {
            p.top().ifPresent(v -> m.append("; best community-reported ").append(ValueRangeRule.fmt(v)));
        }
        return m.toString();
    }
}
