package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.yaml.YamlNodes;
import dev.evalbot.rules.yaml.YamlNumbers;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A score over n samples is k/n of the range for a whole k. A value that no k can produce, even
 * allowing for the rounding of the digits the author wrote, is a warning: often the wrong task,
 * the wrong split, or a subset that the notes should mention.
 */
public final class ValueGranularityRule implements EntryRule {
    public static final RuleCode GRANULARITY = new RuleCode("value-granularity", Severity.WARNING,
            "value is k/n of the range for the task's configured number of samples n");

    @Override
    public List<RuleCode> codes() {
        return List.of(GRANULARITY);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        TaskPolicy policy = entry.policy();
        OptionalDouble value = entry.value();
        if (!policy.hasRange() || policy.samples() == null || value.isEmpty()) {
            return;
        }
        double v = value.getAsDouble();
        if (v < policy.min() || v > policy.max()) {
            return;
        }
        int n = policy.samples();
        double span = policy.max() - policy.min();
        String text = entry.field("value").flatMap(YamlNodes::text).orElse("");
        double rounding = 0.5 * Math.pow(10, -YamlNumbers.decimals(text));
        double k = Math.rint((v - policy.min()) / span * n);
        double nearest = policy.min() + k / n * span;
        if (Math.abs(nearest - v) <= rounding + 1e-9 * span) {
            return;
        }
        entry.report(sink, GRANULARITY, entry.positionOf(entry.field("value")),
                "value " + text + " cannot come from " + n + " samples (the nearest possible score is "
                        + ValueRangeRule.fmt(nearest) + ")",
                "check the task and split, or say in notes if a subset or several epochs were used");
    }
}
