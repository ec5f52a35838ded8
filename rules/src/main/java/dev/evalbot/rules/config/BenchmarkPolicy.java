package dev.evalbot.rules.config;

import dev.evalbot.rules.check.Severity;
import java.util.Map;
import java.util.Optional;

/** Per-benchmark configuration: task policies and rule severity overrides (empty = off). */
public record BenchmarkPolicy(Map<String, TaskPolicy> tasks, Map<String, Optional<Severity>> rules) {
    public static final BenchmarkPolicy NONE = new BenchmarkPolicy(Map.of(), Map.of());

    public BenchmarkPolicy {
        tasks = Map.copyOf(tasks);
        rules = Map.copyOf(rules);
    }

    public TaskPolicy task(String taskId) {
        return taskId == null ? TaskPolicy.NONE : tasks.getOrDefault(taskId, TaskPolicy.NONE);
    }
}
