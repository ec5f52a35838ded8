package dev.evalbot.app.cli.imports;

import dev.evalbot.rules.logs.InspectLog;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * A metric value on the task's scale. Inspect's built-in metrics are fractions (accuracy 0.412);
 * a task declared 0..100 in evalbot's configuration wants 41.2. Decimal arithmetic, so that 0.412
 * becomes 41.2 and not 41.199999999999996.
 */
public final class ValueScale {
    /** How the log's value is written: {@code --scale}. */
    public enum Written { fraction, percent }

    /** Metrics that Inspect (and most scorers) report as a fraction of 1. */
    private static final Set<String> FRACTIONS = Set.of("accuracy", "acc", "mean", "f1", "precision", "recall",
            "exact", "match", "includes", "pass_at_1", "pass@1", "success_rate",
            // lighteval's (results files hold fractions: em 0.41)
            "em", "acc_norm", "extractive_match", "quasi_exact_match", "prefix_exact_match", "mc1", "mc2");

    public BigDecimal convert(InspectLog.Metric metric, BenchmarkTask task, Written flag) {
        if (!Double.isFinite(metric.value())) {
            throw new ImportException("metric '" + metric.qualified() + "' is " + metric.value() + " in the log: not a result");
        }
        BigDecimal value = new BigDecimal(Double.toString(metric.value()));
        if (!task.policy().hasRange()) {
            return clean(value); // no declared scale (e.g. an unbounded lower-is-better metric): as the log says
        }
        boolean percentTask = task.policy().max() > 1;
        Written written = flag != null ? flag : written(metric, task, percentTask);
        if (percentTask && written == Written.fraction) {
            value = value.movePointRight(2);
        } else if (!percentTask && written == Written.percent) {
            value = value.movePointLeft(2);
        }
        return clean(value);
    }

    private static Written written(InspectLog.Metric metric, BenchmarkTask task, boolean percentTask) {
        double v = Math.abs(metric.value());
        if (v > 1) {
            return Written.percent;
        }
        if (FRACTIONS.contains(metric.name().toLowerCase(Locale.ROOT)) || !percentTask) {
            return Written.fraction;
        }
        throw new ImportException("metric '" + metric.qualified() + "' = " + metric.value() + " could be a fraction or a "
                + "percentage, and " + task.datasetId() + " task " + task.task().id() + " is on a 0..100 scale: "
                + "say how the log writes it with --scale fraction or --scale percent");
    }

    private static BigDecimal clean(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
