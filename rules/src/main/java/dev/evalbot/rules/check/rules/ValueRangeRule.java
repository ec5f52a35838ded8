package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.config.TaskPolicy;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The value lies inside the task's configured range. A fraction given for a percentage task
 * (or the reverse) is the most common mistake, so the hint says which scale was meant.
 */
public final class ValueRangeRule implements EntryRule {
    public static final RuleCode OUT_OF_RANGE = new RuleCode("value-out-of-range", Severity.ERROR,
            "value lies inside the task's configured range (e.g. 0..1 or 0..100)");

    public static final RuleCode SCALE = new RuleCode("value-scale", Severity.WARNING,
            "a value of at most 1 on a 0..100 task is flagged: it is likely a fraction given for a percentage");

    @Override
    public List<RuleCode> codes() {
        return List.of(OUT_OF_RANGE, SCALE);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        TaskPolicy policy = entry.policy();
        OptionalDouble value = entry.value();
        if (!policy.hasRange() || value.isEmpty()) {
            return;
        }
        double v = value.getAsDouble();
        if (v >= policy.min() && v <= policy.max()) {
            if (policy.min() == 0 && policy.max() == 100 && v > 0 && v <= 1) {
                entry.report(sink, SCALE, entry.positionOf(entry.field("value")),
                        "value " + fmt(v) + " is very low for a task scored 0..100",
                        "this task reports percentages, and " + fmt(v) + " looks like a fraction: did you mean "
                                + fmt(v * 100) + "?");
            }
            return;
        }
        String range = fmt(policy.min()) + ".." + fmt(policy.max());
        String hint = null;
        if (policy.min() == 0 && policy.max() == 1 && v > 1 && v <= 100) {
            hint = "this task reports fractions (0..1), and " + fmt(v) + " looks like a percentage: did you mean "
                    + fmt(v / 100) + "?";
        }
        entry.report(sink, OUT_OF_RANGE, entry.positionOf(entry.field("value")),
                "value " + fmt(v) + " is outside the range " + range + " of task '"
                        + entry.match().task().id() + "'",
                hint);
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(Double.toString(d)).round(new java.math.MathContext(10))
                .stripTrailingZeros().toPlainString();
    }
}
