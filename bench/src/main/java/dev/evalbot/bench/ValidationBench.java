package dev.evalbot.bench;

import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.RulesConfigParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rules engine's cost: a typical results file (10 entries), a 1 MiB file, and the inputs
 * that must be refused fast (an alias bomb, a 50 MB file). Run from the repository root:
 * {@code java -jar bench/target/benchmarks.jar Validation -prof gc}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ValidationBench {
    private ResultsValidator validator;
    private byte[] typical;
    private byte[] oneMiB;
    private byte[] aliasBomb;
    private byte[] fiftyMb;

    @Setup
    public void setUp() {
        Path config = Path.of(System.getProperty("evalbot.config", "config"));
        RulesConfig rules = new RulesConfigParser("evalbot.yaml").parse(read(config.resolve("evalbot.yaml")));
        validator = new ResultsValidator(rules, registry(config.resolve("benchmarks"), rules), Clock.systemUTC());
        typical = entries(10).getBytes(StandardCharsets.UTF_8);
        StringBuilder big = new StringBuilder();
        int n = 0;
        while (big.length() < 1024 * 1024 - 400) {
            big.append(entry(n++));
        }
        oneMiB = big.toString().getBytes(StandardCharsets.UTF_8);
        aliasBomb = ("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
                + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n").getBytes(StandardCharsets.UTF_8);
        fiftyMb = new byte[50 * 1024 * 1024];
    }

    static String entries(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(entry(i));
        }
        return s.toString();
    }

    static String entry(int i) {
        return switch (i % 3) {
            case 0 -> "- dataset: {id: cais/hle, task_id: hle, revision: a3c98f7}\n  value: " + (i % 100) + ".5\n"
                    + "  date: \"2026-01-15\"\n  source: {url: https://huggingface.co/spaces/cais/hle-leaderboard, name: HLE}\n"
                    + "  notes: \"run " + i + "\"\n";
            case 1 -> "- dataset:\n    id: Idavidrein/gpqa\n    task_id: gpqa_diamond\n  value: 0." + (100 + i % 900)
                    + "\n  date: \"2026-02-01T10:20:00Z\"\n  source:\n    url: https://arxiv.org/abs/2311.12022\n";
            default -> "- dataset: {id: openai/gsm8k, task_id: gsm8k}\n  value: 91.2\n  notes: \"few-shot " + i + "\"\n";
        };
    }

    private static StaticRegistry registry(Path root, RulesConfig rules) {
        BenchmarkParser parser = new BenchmarkParser(rules);
        List<dev.evalbot.rules.model.Benchmark> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("eval.yaml")).toList()) {
                Path rel = root.relativize(p.getParent());
                all.add(parser.parse(rel.getName(0) + "/" + rel.getName(1), p.toString(), read(p)).benchmark().orElseThrow());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StaticRegistry(all);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries per second: one op is one entry of a 10-entry file. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(10)
    public FileReport typicalFilePerEntry() {
        return validator.validate("r.yaml", typical);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FileReport oneMebibyteFile() {
        return validator.validate("big.yaml", oneMiB);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public FileReport aliasBombRefused() {
        return validator.validate("bomb.yaml", aliasBomb);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public FileReport fiftyMegabyteFileRefused() {
        return validator.validate("huge.yaml", fiftyMb);
    }
}
