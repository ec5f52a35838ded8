package dev.evalbot.rules.board;

import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import java.util.Collection;
import java.util.List;

/**
 * What aggregation needs to know about tasks beyond the reports: the direction of each score and
 * the order in which a benchmark declares its tasks. Implementations must be pure and cheap: they
 * are asked once per task recomputation, never per report.
 */
public interface TaskCatalog {
    /** Every task higher-is-better, no declared order: for tests and unknown benchmarks. */
    TaskCatalog HIGHER_IS_BETTER = (benchmarkId, taskId) -> false;

    boolean lowerIsBetter(String benchmarkId, String taskId);

    /** Declared task ids of the benchmark, in order; tasks not listed come after, by id. */
    default List<String> taskOrder(String benchmarkId) {
        return List.of();
    }

    /**
     * From eval.yaml and evalbot's config: a task policy's {@code lower_is_better} overrides the
     * benchmark's own declaration; otherwise higher is better (spec section 2).
     */
    static TaskCatalog of(RulesConfig config, Collection<Benchmark> benchmarks) {
        return DeclaredTaskCatalog.of(config, benchmarks);
    }
}
