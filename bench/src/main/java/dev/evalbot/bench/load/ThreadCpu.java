package dev.evalbot.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads from {@code /proc/PID/task/*&#47;stat} (Linux; empty elsewhere),
 * grouped by name: a measure that a loaded machine distorts far less than wall-clock time. Two
 * groupings: by name with digits dropped ({@code review-worker-3} counts as {@code review-worker-}),
 * and by role, which splits what the intake costs (the HTTP request threads and the SQLite writer)
 * from what runs beside it (the review workers, the JIT compilers, the GC).
 */
final class ThreadCpu {
    /** Intake's own threads: request handling and the commits the replies wait for. */
    static final String REQUEST = "http";
    static final String WRITER = "sqlite-writer";

    private ThreadCpu() {
    }

    /** Milliseconds of user + system CPU per thread group at one moment. */
    record Sample(long processMillis, Map<String, Long> millisByGroup) {
        Sample minus(Sample before) {
            Map<String, Long> out = new TreeMap<>();
            millisByGroup.forEach((k, v) -> out.put(k, v - before.millisByGroup.getOrDefault(k, 0L)));
            return new Sample(processMillis - before.processMillis, out);
        }

        /** The whole process, counting threads that ended meanwhile (a group's own sum leaves those out). */
        long total() {
            return processMillis;
        }

        /** "12.3 ms: group 8.1, group 2.0, ..." per item, the groups above 0.1 ms, largest first. */
        String perItem(long items) {
            String groups = millisByGroup.entrySet().stream().filter(e -> e.getValue() / (double) items >= 0.1)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / (double) items))
                    .collect(Collectors.joining(", "));
            return String.format("%.1f ms (%s)", total() / (double) items, groups);
        }
    }

    /** The process's threads now, grouped by name without digits; an empty sample where /proc is missing. */
    static Sample sample(long pid) {
        Map<String, Long> out = grouped(pid, name -> name.replaceAll("[0-9]+", ""));
        return new Sample(out.isEmpty() ? 0 : LoadGenerator.cpuMillis(pid), out);
    }

    /** Milliseconds of user + system CPU by role ({@link #group}), for the threads alive now. */
    static Map<String, Long> byGroup(long pid) {
        return grouped(pid, ThreadCpu::group);
    }

    /** {@code after - before} per group; a group whose threads ended shows what its live threads used. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((g, ms) -> d.put(g, Math.max(0, ms - before.getOrDefault(g, 0L))));
        return d;
    }

    /** The role of a thread by its name; Linux truncates thread names to 15 characters. */
    static String group(String name) {
        if (name.startsWith("JettyServerThre") || name.startsWith("qtp")) {
            return REQUEST;
        }
        if (name.startsWith("sqlite-writer")) {
            return WRITER;
        }
        if (name.startsWith("inbox-")) {
            return "workers";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return "gc+vm";
        }
        return "other";
    }

    private static Map<String, Long> grouped(long pid, UnaryOperator<String> groupOf) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // 100 ticks per second
                    out.merge(groupOf.apply(name), ms, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException e) {
            return new TreeMap<>();
        }
        return out;
    }
}
