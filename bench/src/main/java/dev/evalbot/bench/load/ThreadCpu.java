package dev.evalbot.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads by group, from {@code /proc/PID/task/*&#47;stat} (Linux; empty
 * elsewhere). The groups split what the intake costs (the HTTP request threads and the SQLite
 * writer) from what runs beside it (the review workers, the JIT compilers, the GC).
 */
final class ThreadCpu {
    /** Intake's own threads: request handling and the commits the replies wait for. */
    static final String REQUEST = "http";
    static final String WRITER = "sqlite-writer";

    private ThreadCpu() {
    }

    /** Milliseconds of user + system CPU by group, for the threads alive now. */
    static Map<String, Long> byGroup(long pid) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                    out.merge(group(name), ms, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** {@code after - before} per group; a group whose threads ended shows what its live threads used. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((g, ms) -> d.put(g, Math.max(0, ms - before.getOrDefault(g, 0L))));
        return d;
    }

    /** Linux truncates thread names to 15 characters. */
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
}
