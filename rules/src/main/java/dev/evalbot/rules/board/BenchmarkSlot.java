package dev.evalbot.rules.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One benchmark's task slots and its leaderboard, rebuilt only after one of its tasks changed. */
final class BenchmarkSlot implements Membership {
    private final String benchmarkId;
    private final Map<String, TaskSlot> tasks = new HashMap<>();
    /**
     * For each model with a row, on how many tasks: the benchmark's model count is its size. Null
     * while the benchmark has one task, whose row count is the model count: most benchmarks have
     * one task, and this spares them a map entry per model.
     */
    private Map<ModelKey, Integer> rowsPerModel;
    private Leaderboard board;

    BenchmarkSlot(String benchmarkId) {
        this.benchmarkId = benchmarkId;
    }

    String id() {
        return benchmarkId;
    }

    /** The task's slot, created if new; the caller is about to change it. */
    TaskSlot task(String taskId, TaskCatalog catalog) {
        board = null;
        TaskSlot slot = tasks.get(taskId);
        if (slot == null) {
            if (tasks.size() == 1) {
                // A second task: from now on models are counted across tasks.
                rowsPerModel = new HashMap<>();
                tasks.values().iterator().next().rowsAsRanked(this);
            }
            slot = new TaskSlot(benchmarkId, taskId, catalog.lowerIsBetter(benchmarkId, taskId), this);
            tasks.put(taskId, slot);
        }
        return slot;
    }

    void changed(TaskSlot slot) {
        board = null;
        if (slot.isEmpty()) {
            slot.board(); // settles the models that just left, for the model count
            tasks.remove(slot.taskId());
            if (tasks.size() == 1) {
                rowsPerModel = null;
            }
        }
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** A copy: callers may drop tasks while walking it. */
    List<TaskSlot> tasks() {
        return List.copyOf(tasks.values());
    }

    void redirect(TaskCatalog catalog) {
        board = null;
        for (TaskSlot t : tasks.values()) {
            t.direction(catalog.lowerIsBetter(benchmarkId, t.taskId()));
        }
    }

    Leaderboard board(TaskCatalog catalog) {
        if (board == null) {
            board = build(catalog);
        }
        return board;
    }

    private Leaderboard build(TaskCatalog catalog) {
        Map<String, TaskSlot> rest = new TreeMap<>(tasks);
        List<TaskBoard> ordered = new ArrayList<>(tasks.size());
        for (String declared : catalog.taskOrder(benchmarkId)) {
            TaskSlot slot = rest.remove(declared);
            if (slot != null) {
                ordered.add(slot.board());
            }
        }
        rest.values().forEach(slot -> ordered.add(slot.board()));

        Instant lastChange = null;
        for (TaskBoard t : ordered) {
            if (lastChange == null || (t.lastChange() != null && t.lastChange().isAfter(lastChange))) {
                lastChange = t.lastChange();
            }
        }
        int models = rowsPerModel != null ? rowsPerModel.size() : ordered.isEmpty() ? 0 : ordered.get(0).rows().size();
        return new Leaderboard(benchmarkId, ordered, models, lastChange);
    }

    @Override
    public void join(ModelKey model) {
        if (rowsPerModel != null) {
            rowsPerModel.merge(model, 1, Integer::sum);
        }
    }

    @Override
    public void leave(ModelKey model) {
        if (rowsPerModel != null) {
            rowsPerModel.computeIfPresent(model, (k, n) -> n == 1 ? null : n - 1);
        }
    }
}
