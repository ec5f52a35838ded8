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
     * Models with a row on at least one task. Kept by asking the other tasks on each change (one
     * table probe per task) rather than by a per-model count map: no object per model.
     */
    private int models;
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
            slot.board(); // takes the rows of the models that just left out of the model count
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
        return new Leaderboard(benchmarkId, ordered, models, lastChange);
    }

    @Override
    public void join(TaskSlot task, ModelSlot model) {
        if (!rowElsewhere(task, model)) {
            models++;
        }
    }

    @Override
    public void leave(TaskSlot task, ModelSlot model) {
        if (!rowElsewhere(task, model)) {
            models--;
        }
    }

    private boolean rowElsewhere(TaskSlot except, ModelSlot model) {
        for (TaskSlot t : tasks.values()) {
            if (t != except && t.hasRow(model)) {
                return true;
            }
        }
        return false;
    }
}
