package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.board.Placement;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.PlacedEntry;
import dev.evalbot.rules.check.PlacementRule;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.config.TaskPolicy;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A value that would take first place by more than a margin is worth a second look before it
 * tops a public leaderboard (a fraction given for a percentage, a different setup, a typo).
 * The margin is a percentage of the task's configured range (5 means 5 points on 0..100, 0.05 on
 * 0..1); on a task without a range, a percentage of the current top value's magnitude.
 */
public final class NewTopScoreRule implements PlacementRule {
    public static final RuleCode NEW_TOP_SCORE = new RuleCode("new-top-score", Severity.WARNING,
            "a value that would become first on its leaderboard by more than the configured margin is flagged");
    public static final double DEFAULT_MARGIN_PERCENT = 5.0;

    private final double marginPercent;

    public NewTopScoreRule() {
        this(DEFAULT_MARGIN_PERCENT);
    }

    /** @param marginPercent the margin, in percent of the task's range (see the class comment) */
    public NewTopScoreRule(double marginPercent) {
        if (!(marginPercent >= 0) || Double.isInfinite(marginPercent)) {
            throw new IllegalArgumentException("the new-top-score margin is a percentage of at least 0, got "
                    + marginPercent);
        }
        this.marginPercent = marginPercent;
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(NEW_TOP_SCORE);
    }

    /** The margin on a task, in its values' units, given its current top value. */
    public double margin(TaskPolicy policy, double top) {
        double scale = policy.hasRange() ? policy.max() - policy.min() : Math.abs(top);
        return scale * marginPercent / 100.0;
    }

    @Override
    public void check(PlacedEntry entry, FindingSink sink) {
        Placement p = entry.placement();
        OptionalDouble lead = p.leadOver(entry.value());
        if (p.rank() != 1 || lead.isEmpty()) {
            return;
        }
        double top = p.top().getAsDouble();
        double margin = margin(entry.policy(), top);
        if (lead.getAsDouble() > margin) {
            sink.add(NEW_TOP_SCORE, entry.datasetId(), entry.index(), entry.at(),
                    "value " + ValueRangeRule.fmt(entry.value()) + " would become first on " + entry.datasetId()
                            + " / " + entry.taskId() + ", " + ValueRangeRule.fmt(lead.getAsDouble())
                            + (p.lowerIsBetter() ? " below" : " above") + " the current top score "
                            + ValueRangeRule.fmt(top) + " (margin " + ValueRangeRule.fmt(margin) + ")",
                    "a large jump is worth a second look: check the scale (fraction or percentage), the task and "
                            + "the setup, and say in notes what differs (tools, provider, shots)");
        }
    }
}
