package dev.evalbot.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads from {@code /proc/PID/task/*} (Linux), grouped by thread name
 * with digits dropped ({@code review-worker-3} counts as {@code review-worker-}): a measure that a
 * loaded machine distorts far less than wall-clock time.
 */
final class ThreadCpu {
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

    /** The process's threads now; an empty sample where /proc is missing. */
    static Sample sample(long pid) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(t -> {
                try {
                    String name = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // 100 ticks per second
                    out.merge(name, ms, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (IOException e) {
            return new Sample(0, out);
        }
        return new Sample(LoadGenerator.cpuMillis(pid), out);
    }
}
