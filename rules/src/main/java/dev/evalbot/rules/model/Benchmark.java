package dev.evalbot.rules.model;

import java.util.List;
import java.util.Optional;

/** A benchmark as declared by the {@code eval.yaml} of its dataset repository. */
public record Benchmark(String id, String name, String description, String framework, List<Task> tasks) {
    public Benchmark {
        tasks = List.copyOf(tasks);
    }

    public Optional<Task> task(String taskId) {
        for (Task task : tasks) {
            if (task.id().equals(taskId)) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }

    public List<String> taskIds() {
        return tasks.stream().map(Task::id).toList();
    }
}
