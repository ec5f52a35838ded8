package dev.evalbot.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Time and CPU from {@code java -jar evalbot.jar serve} to the first 200 of {@code GET /readyz},
 * for the quick start exactly as typed (dry-run, no JVM options unless given), on a new store each
 * run. CPU (user + system of the whole process, from /proc) is the measure a loaded machine
 * distorts least; with several jars the runs alternate, so that each pair meets the same load.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.ReadyBench [--runs 5] [--reuse-store]
 *     [--jvm-args "-XX:+UseSerialGC"] [--jar app/target/evalbot.jar]...</pre>
 */
public final class ReadyBench {
    private record Sample(double seconds, long cpuMillis, long rssKb) {
    }

    public static void main(String[] args) throws Exception {
        List<String> jars = new ArrayList<>();
        List<String> jvmArgs = new ArrayList<>();
        int runs = 5;
        boolean reuse = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jars.add(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jvm-args" -> jvmArgs.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
                case "--reuse-store" -> reuse = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (jars.isEmpty()) {
            jars.add("app/target/evalbot.jar");
        }
        System.out.println("uptime before: " + LoadGenerator.loadAverage());
        List<List<Sample>> samples = new ArrayList<>();
        List<Path> stores = new ArrayList<>();
        for (String jar : jars) {
            samples.add(new ArrayList<>());
            stores.add(Files.createTempDirectory("evalbot-ready"));
        }
        for (int run = 0; run < runs; run++) {
            for (int j = 0; j < jars.size(); j++) {
                Path work = stores.get(j);
                if (!reuse) {
                    clear(work);
                }
                Sample s = once(Path.of(jars.get(j)).toAbsolutePath(), jvmArgs, work);
                samples.get(j).add(s);
                System.out.printf("%s: ready %.2f s, CPU %d ms, resident %d MB%n", jars.get(j), s.seconds(),
                        s.cpuMillis(), s.rssKb() / 1024);
            }
        }
        System.out.println("uptime after:  " + LoadGenerator.loadAverage());
        System.out.println();
        System.out.println("| jar | ready, median (min-max) | CPU to ready, median (min-max) | resident at ready |");
        System.out.println("|---|---|---|---|");
        for (int j = 0; j < jars.size(); j++) {
            List<Sample> s = samples.get(j);
            double[] wall = s.stream().mapToDouble(Sample::seconds).sorted().toArray();
            long[] cpu = s.stream().mapToLong(Sample::cpuMillis).sorted().toArray();
            long[] rss = s.stream().mapToLong(Sample::rssKb).sorted().toArray();
            System.out.printf("| %s | %.2f s (%.2f-%.2f) | %d ms (%d-%d) | %d MB |%n", jars.get(j), wall[wall.length / 2],
                    wall[0], wall[wall.length - 1], cpu[cpu.length / 2], cpu[0], cpu[cpu.length - 1],
                    rss[rss.length / 2] / 1024);
        }
        for (Path p : stores) {
            clear(p);
            Files.deleteIfExists(p);
        }
    }

    private static Sample once(Path jar, List<String> jvmArgs, Path work) throws Exception {
        int port = LoadGenerator.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        Map<String, String> env = pb.environment();
        // The quick start: no credentials, so a dry-run; only where it listens and keeps its files differ.
        env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("HF_") || k.startsWith("EVALBOT_")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS") || k.equals("PORT"));
        env.put("EVALBOT_CONFIG", Path.of("config").toAbsolutePath().toString());
        env.put("EVALBOT_PORT", Integer.toString(port));
        env.put("EVALBOT_HOST", "127.0.0.1");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("evalbot.log").toFile());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        return new Sample(seconds, LoadGenerator.cpuMillis(p.pid()), LoadGenerator.rssKb(p.pid()));
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            throw new IllegalStateException("evalbot did not become ready; see " + work.resolve("evalbot.log"));
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!f.equals(dir)) {
                    Files.delete(f);
                }
            }
        }
    }
}
