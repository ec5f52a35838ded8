package dev.evalbot.rules.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One benchmark's task slots and its leaderboard, rebuilt only after one of its tasks changed. */
final class BenchmarkSlot {
    private final String benchmarkId;
    private final Map<String, TaskSlot> tasks = new HashMap<>();
    private Leaderboard board;

    BenchmarkSlot(String benchmarkId) {
        this.benchmarkId = benchmarkId;
    }

    TaskSlot task(String taskId, TaskCatalog catalog) {
        board = null;
        return tasks.computeIfAbsent(taskId, t -> new TaskSlot(t, catalog.lowerIsBetter(benchmarkId, t)));
    }

    TaskSlot existingTask(String taskId) {
        board = null;
        return tasks.get(taskId);
    }

    void dropIfEmpty(TaskSlot slot) {
        if (slot.isEmpty()) {
            tasks.remove(slot.taskId());
        }
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** @return true when a task's direction changed */
    boolean redirect(TaskCatalog catalog) {
        board = null;
        boolean changed = false;
        for (TaskSlot t : tasks.values()) {
            changed |= t.direction(catalog.lowerIsBetter(benchmarkId, t.taskId()));
        }
        return changed;
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
        return new Leaderboard(benchmarkId, ordered, distinctModels(ordered), lastChange);
    }

    private static int distinctModels(List<TaskBoard> boards) {
        if (boards.size() == 1) {
            return boards.get(0).rows().size();
        }
        Set<ModelKey> models = new HashSet<>();
        for (TaskBoard t : boards) {
            for (Row r : t.rows()) {
                models.add(r.modelKey());
            }
        }
        return models.size();
    }
}
