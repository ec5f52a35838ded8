package dev.evalbot.rules.logs;

import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which registered benchmark task a log's task is: {@code --dataset}/{@code --task} when given,
 * else the registry's task whose id (or config) is the log's task name without its package
 * ({@code inspect_evals/gpqa_diamond} is {@code gpqa_diamond}), narrowed by the log's dataset
 * location when several benchmarks have such a task. A run of a Hub dataset's eval.yaml
 * ({@code hf/ORG/DS[/TASK]}) names its benchmark and task itself.
 */
public final class TaskChoice {
    private final BenchmarkRegistry registry;
    private final RulesConfig rules;

    public TaskChoice(BenchmarkRegistry registry, RulesConfig rules) {
        this.registry = registry;
        this.rules = rules;
    }

    public BenchmarkTask choose(RunLog log, String datasetFlag, String taskFlag) {
        Optional<HubTask> hub = HubTask.of(log);
        if (datasetFlag == null && hub.isPresent() && registry.lookup(hub.get().datasetId(), null) instanceof Lookup.Found f) {
            Benchmark b = f.benchmark();
            String id = taskFlag != null ? taskFlag : hub.get().taskId();
            Task task = id != null ? byId(b, id) : only(b, log);
            return new BenchmarkTask(b.id(), task, rules.benchmark(b.id()).task(task.id()));
        }
        if (datasetFlag == null && hub.isPresent()) {
            throw new RunMatchException("the log is a run of " + hub.get().datasetId() + "'s eval.yaml, which is not a "
                    + "registered benchmark (registered: " + String.join(", ", new TreeSet<>(registry.ids())) + ")");
        }
        if (datasetFlag != null) {
            Benchmark b = benchmark(datasetFlag);
            Task task = taskFlag != null ? byId(b, taskFlag) : inBenchmark(b, log);
            return new BenchmarkTask(b.id(), task, rules.benchmark(b.id()).task(task.id()));
        }
        List<BenchmarkTask> found = new ArrayList<>();
        for (String id : new TreeSet<>(registry.ids())) {
            if (registry.lookup(id, null) instanceof Lookup.Found f) {
                for (Task t : f.benchmark().tasks()) {
                    if (taskFlag != null ? t.id().equals(taskFlag) : matches(t, log)) {
                        found.add(new BenchmarkTask(id, t, rules.benchmark(id).task(t.id())));
                    }
                }
            }
        }
        if (found.size() > 1 && log.datasetLocation() != null) {
            List<BenchmarkTask> here = found.stream().filter(c -> log.datasetLocation().contains(c.datasetId())).toList();
            found = here.isEmpty() ? found : here;
        }
        String what = taskFlag != null ? "task '" + taskFlag + "'" : "the log's task '" + log.task() + "'";
        if (found.isEmpty()) {
            throw new RunMatchException("no registered benchmark has " + what + ": name it with --dataset ID --task ID "
                    + "(registered: " + String.join(", ", new TreeSet<>(registry.ids())) + ")");
        }
        if (found.size() > 1) {
            throw new RunMatchException(what + " is a task of several benchmarks ("
                    + String.join(", ", found.stream().map(BenchmarkTask::datasetId).toList()) + "): choose one with --dataset ID");
        }
        return found.get(0);
    }

    private Benchmark benchmark(String id) {
        Lookup lookup = registry.lookup(id, null);
        if (lookup instanceof Lookup.Found f) {
            return f.benchmark();
        }
        throw new RunMatchException("--dataset " + id + " is not a registered benchmark (registered: "
                + String.join(", ", new TreeSet<>(registry.ids())) + ")");
    }

    private static Task byId(Benchmark b, String taskId) {
        return b.task(taskId).orElseThrow(() -> new RunMatchException("--task " + taskId + " is not a task of " + b.id()
                + " (its tasks: " + String.join(", ", b.taskIds()) + ")"));
    }

    /** A run of {@code hf/ORG/DS} without a task id: the benchmark has one task (Inspect requires ids otherwise). */
    private static Task only(Benchmark b, RunLog log) {
        if (b.tasks().size() == 1) {
            return b.tasks().get(0);
        }
        return inBenchmark(b, log);
    }

    private static Task inBenchmark(Benchmark b, RunLog log) {
        List<Task> matching = b.tasks().stream().filter(t -> matches(t, log)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (b.tasks().size() == 1) {
            return b.tasks().get(0);
        }
        throw new RunMatchException("cannot tell which task of " + b.id() + " the log's task '" + log.task()
                + "' is: name it with --task (one of " + String.join(", ", b.taskIds()) + ")");
    }

    /** The log's task name (without its package, e.g. {@code inspect_evals/}) is the task's id or config. */
    public static boolean matches(Task t, RunLog log) {
        String name = bare(log.task());
        String dataset = bare(log.datasetName());
        return name != null && (same(t.id(), name) || same(t.config(), name) || same(bare(t.id()), name))
                || dataset != null && (same(t.id(), dataset) || same(t.config(), dataset));
    }

    static String bare(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.substring(name.lastIndexOf('/') + 1).trim();
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && normal(a).equals(normal(b));
    }

    /** gpqa-diamond and GPQA_Diamond name the same task. */
    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
