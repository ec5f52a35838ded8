package dev.evalbot.rules.logs;

import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.model.Task;
import dev.evalbot.rules.scale.ValueScale;
import java.math.BigDecimal;

/** The registered benchmark task a log reports on, with what evalbot's configuration adds to it. */
public record BenchmarkTask(String datasetId, Task task, TaskPolicy policy) {
    public boolean lowerIsBetter() {
        return policy.lowerIsBetter() != null ? policy.lowerIsBetter() : task.lowerIsBetter();
    }

    /** "0..100", "0..1", or "no declared range". */
    public String scale() {
        return policy.hasRange() ? ValueScale.range(policy) : "no declared range";
    }

    /**
     * The metric's value on this task's scale ({@link ValueScale#ofRun}).
     *
     * @param flag {@code --scale}, or null to tell by the value and the metric's name
     */
    public BigDecimal valueOf(RunLog.Metric metric, ValueScale.Written flag) {
        if (!Double.isFinite(metric.value())) {
            throw new RunMatchException("metric '" + metric.qualified() + "' is " + metric.value() + " in the log: not a result");
        }
        return new ValueScale(flag).ofRun(new BigDecimal(Double.toString(metric.value())), policy, metric.name())
                .orElseThrow(() -> new RunMatchException("metric '" + metric.qualified() + "' = " + metric.value()
                        + " could be a fraction or a percentage, and " + datasetId + " task " + task.id()
                        + " is on a 0..100 scale: say how the log writes it with --scale fraction or --scale percent"));
    }
}
