package dev.evalbot.rules.board;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every task leaderboard of one benchmark.
 *
 * @param tasks in the benchmark's declared task order, then undeclared ones by id; only tasks with
 *     at least one stored report (possibly all excluded)
 * @param models distinct models with a row on at least one task
 * @param lastChange the newest {@code lastChange} of its tasks
 */
public record Leaderboard(String benchmarkId, List<TaskBoard> tasks, int models, Instant lastChange) {
    public Leaderboard {
        Objects.requireNonNull(benchmarkId, "benchmarkId");
        tasks = List.copyOf(tasks);
    }

    public Optional<TaskBoard> task(String taskId) {
        return tasks.stream().filter(t -> t.taskId().equals(taskId)).findFirst();
    }

    public BoardSummary summary() {
        return new BoardSummary(benchmarkId, tasks.size(), models, lastChange);
    }
}
