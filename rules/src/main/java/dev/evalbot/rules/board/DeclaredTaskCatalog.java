package dev.evalbot.rules.board;

import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link TaskCatalog} resolved once from benchmark definitions and configuration. */
record DeclaredTaskCatalog(RulesConfig config, Map<String, Map<String, Boolean>> declared,
        Map<String, List<String>> orders) implements TaskCatalog {

    static DeclaredTaskCatalog of(RulesConfig config, Collection<Benchmark> benchmarks) {
        Map<String, Map<String, Boolean>> declared = new HashMap<>();
        Map<String, List<String>> orders = new HashMap<>();
        for (Benchmark b : benchmarks) {
            Map<String, Boolean> tasks = new HashMap<>();
            for (Task t : b.tasks()) {
                tasks.put(t.id(), t.lowerIsBetter());
            }
            declared.put(b.id(), Map.copyOf(tasks));
            orders.put(b.id(), b.taskIds());
        }
        return new DeclaredTaskCatalog(config, Map.copyOf(declared), Map.copyOf(orders));
    }

    @Override
    public boolean lowerIsBetter(String benchmarkId, String taskId) {
        Boolean configured = config.benchmark(benchmarkId).task(taskId).lowerIsBetter();
        if (configured != null) {
            return configured;
        }
        return declared.getOrDefault(benchmarkId, Map.of()).getOrDefault(taskId, false);
    }

    @Override
    public List<String> taskOrder(String benchmarkId) {
        return orders.getOrDefault(benchmarkId, List.of());
    }
}
