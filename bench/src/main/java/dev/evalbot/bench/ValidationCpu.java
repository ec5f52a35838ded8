package dev.evalbot.bench;

import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.RulesConfigParser;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * CPU time of the validating thread per 1 MiB results file (ValidationBench's), for several
 * builds of evalbot-rules side by side in one JVM: each build in its own class loader, operations
 * interleaved, so every build sees the same minutes of a shared machine's load. GC threads are
 * not counted (JMH's {@code -prof gc} and a GC log show those). From the repository root:
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.evalbot.bench.ValidationCpu 80 \
 *     before=/tmp/evalbot-rules-before.jar after=rules/target/evalbot-rules-0.1.0.jar
 * </pre>
 */
public final class ValidationCpu implements Supplier<Object> {
    private final ResultsValidator validator;
    private final byte[] file;

    /** Built inside each build's class loader, so it binds to that build's rules classes. */
    public ValidationCpu() {
        Path config = Path.of(System.getProperty("evalbot.config", "config"));
        RulesConfig rules = new RulesConfigParser("evalbot.yaml").parse(read(config.resolve("evalbot.yaml")));
        BenchmarkParser parser = new BenchmarkParser(rules);
        List<dev.evalbot.rules.model.Benchmark> all = new ArrayList<>();
        Path root = config.resolve("benchmarks");
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("eval.yaml")).toList()) {
                Path rel = root.relativize(p.getParent());
                all.add(parser.parse(rel.getName(0) + "/" + rel.getName(1), p.toString(), read(p)).benchmark()
                        .orElseThrow());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        validator = new ResultsValidator(rules, new StaticRegistry(all), Clock.systemUTC());
        StringBuilder big = new StringBuilder();
        int n = 0;
        while (big.length() < 1024 * 1024 - 400) {
            big.append(ValidationBench.entry(n++));
        }
        file = big.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Object get() {
        return validator.validate("big.yaml", file);
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String[] names = new String[args.length - 1];
        List<Supplier<Object>> builds = new ArrayList<>();
        URL self = ValidationCpu.class.getProtectionDomain().getCodeSource().getLocation();
        for (int i = 1; i < args.length; i++) {
            String[] nameAndPath = args[i].split("=", 2);
            names[i - 1] = nameAndPath[0];
            // The build's rules first, then this jar for the driver and snakeyaml-engine.
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(nameAndPath[1]).toUri().toURL(), self},
                    ClassLoader.getPlatformClassLoader());
            builds.add((Supplier<Object>) loader.loadClass(ValidationCpu.class.getName()).getConstructor()
                    .newInstance());
        }
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int w = 0; w < 30; w++) {
            for (var build : builds) {
                sink = build.get();
            }
        }
        long[][] cpu = new long[builds.size()][rounds];
        long[] allocated = new long[builds.size()];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < builds.size(); j++) {
                int k = r % 2 == 0 ? j : builds.size() - 1 - j;
                long a = mx.getCurrentThreadAllocatedBytes();
                long c = mx.getCurrentThreadCpuTime();
                sink = builds.get(k).get();
                cpu[k][r] = mx.getCurrentThreadCpuTime() - c;
                allocated[k] = mx.getCurrentThreadAllocatedBytes() - a;
            }
        }
        System.out.println("load " + Files.readString(Path.of("/proc/loadavg")).trim() + (sink == null ? "" : ""));
        for (int k = 0; k < builds.size(); k++) {
            long[] sorted = cpu[k].clone();
            Arrays.sort(sorted);
            System.out.printf("%-12s CPU per 1 MiB file: min %6.1f ms  p25 %6.1f  median %6.1f   allocated %6.1f MB%n",
                    names[k], sorted[0] / 1e6, sorted[rounds / 4] / 1e6, sorted[rounds / 2] / 1e6, allocated[k] / 1e6);
        }
    }
}
