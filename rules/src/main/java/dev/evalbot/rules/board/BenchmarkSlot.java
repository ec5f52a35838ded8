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
    /** For each model with a row, on how many tasks: the benchmark's model count is its size. */
    private final Map<ModelKey, Integer> rowsPerModel = new HashMap<>();
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
        return new Leaderboard(benchmarkId, ordered, rowsPerModel.size(), lastChange);
    }

    @Override
    public void join(ModelKey model) {
        rowsPerModel.merge(model, 1, Integer::sum);
    }

    @Override
    public void leave(ModelKey model) {
        rowsPerModel.computeIfPresent(model, (k, n) -> n == 1 ? null : n - 1);
    }
}
