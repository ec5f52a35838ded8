package dev.evalbot.app.cli.imports;

import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.model.Task;

/** The registered benchmark task a log reports on, with what evalbot's configuration adds to it. */
public record BenchmarkTask(String datasetId, Task task, TaskPolicy policy) {
    public boolean lowerIsBetter() {
        return policy.lowerIsBetter() != null ? policy.lowerIsBetter() : task.lowerIsBetter();
    }

    /** "0..100", "0..1", or "no declared range". */
    public String scale() {
        return policy.hasRange() ? plain(policy.min()) + ".." + plain(policy.max()) : "no declared range";
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
