package dev.evalbot.rules.check;

import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;

/** How an entry's {@code dataset} block was matched to a task of its benchmark. */
public sealed interface TaskMatch {
    /** The benchmark itself is unknown or unavailable: nothing to match against. */
    record NoBenchmark() implements TaskMatch {}

    record ById(Task task) implements TaskMatch {}

    /** The older shape: no task_id, the task found by config (and split). */
    record ByConfig(Task task) implements TaskMatch {}

    record UnknownTask(Benchmark benchmark, String given) implements TaskMatch {}

    record NoTaskGiven(Benchmark benchmark) implements TaskMatch {}

    record ConfigUnmatched(Benchmark benchmark, String config, String split) implements TaskMatch {}

    static TaskMatch resolve(Benchmark benchmark, String taskId, String config, String split) {
        if (benchmark == null) {
            return new NoBenchmark();
        }
        if (taskId != null) {
            return benchmark.task(taskId).<TaskMatch>map(ById::new).orElseGet(() -> new UnknownTask(benchmark, taskId));
        }
        if (config == null) {
            return new NoTaskGiven(benchmark);
        }
        Task match = null;
        for (Task t : benchmark.tasks()) {
            boolean configMatches = config.equals(t.config()) || (t.config() == null && config.equals("default"));
            boolean splitMatches = split == null || split.equals(t.effectiveSplit());
            if (configMatches && splitMatches) {
                if (match != null) {
                    return new ConfigUnmatched(benchmark, config, split);
                }
                match = t;
            }
        }
        return match == null ? new ConfigUnmatched(benchmark, config, split) : new ByConfig(match);
    }

    default Task task() {
        if (this instanceof ById b) {
            return b.task();
        }
        if (this instanceof ByConfig c) {
            return c.task();
        }
        return null;
    }
}
