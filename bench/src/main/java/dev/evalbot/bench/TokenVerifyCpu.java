package dev.evalbot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * CPU time per verifyToken verification, for each algorithm, provider and cache setting of
 * {@link TokenVerifyBench}: the thread's own CPU time, which other processes on a busy machine do
 * not inflate as they do JMH's wall-clock throughput. 1,000,000 / (µs per op) is the rate one
 * core sustains. Run: {@code java -cp bench/target/benchmarks.jar dev.evalbot.bench.TokenVerifyCpu [seconds]}.
 */
public final class TokenVerifyCpu {
    private TokenVerifyCpu() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%-6s %-9s %-6s %12s %14s%n", "alg", "provider", "cached", "CPU us/op", "ops/s per core");
        for (boolean cached : List.of(false, true)) {
            for (String provider : List.of("jdk", "preferred")) {
                for (String alg : List.of("EdDSA", "ES256", "RS256")) {
                    TokenVerifyBench bench = new TokenVerifyBench();
                    bench.alg = alg;
                    bench.cached = cached;
                    bench.provider = provider;
                    bench.setUp();
                    long budget = (long) (seconds * 1e9);
                    run(bench, threads, budget / 3); // warm-up
                    double us = run(bench, threads, budget) / 1e3;
                    System.out.printf("%-6s %-9s %-6s %12.1f %14.0f%n", alg, provider, cached, us, 1e6 / us);
                }
            }
        }
    }

    /** Mean CPU nanoseconds per verification over about {@code cpuBudget} nanoseconds of CPU. */
    private static double run(TokenVerifyBench bench, ThreadMXBean threads, long cpuBudget) {
        long start = threads.getCurrentThreadCpuTime();
        long ops = 0;
        long used;
        do {
            for (int i = 0; i < 50; i++) {
                if (!bench.verify().verified()) {
                    throw new IllegalStateException("the benchmark token stopped verifying");
                }
            }
            ops += 50;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < cpuBudget);
        return (double) used / ops;
    }
}
