package dev.evalbot.rules;

import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.RulesConfigParser;
import dev.evalbot.rules.model.Benchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shipped configuration and registry, read from the repository's config/ directory. */
public final class Fixtures {
    public static final Path CONFIG_DIR = Path.of("..", "config");
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {}

    public static RulesConfig config() {
        return new RulesConfigParser("evalbot.yaml").parse(read(CONFIG_DIR.resolve("evalbot.yaml")));
    }

    public static StaticRegistry registry() {
        return registry(config());
    }

    public static StaticRegistry registry(RulesConfig config) {
        BenchmarkParser parser = new BenchmarkParser(config);
        List<Benchmark> benchmarks = new ArrayList<>();
        Path root = CONFIG_DIR.resolve("benchmarks");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("eval.yaml")).toList()) {
                String id = root.relativize(p.getParent()).toString().replace('\\', '/');
                benchmarks.add(parser.parse(id, p.toString(), read(p)).benchmark().orElseThrow());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StaticRegistry(benchmarks);
    }

    public static ResultsValidator validator() {
        RulesConfig config = config();
        return new ResultsValidator(config, registry(config), CLOCK);
    }

    public static ChangeValidator changeValidator() {
        RulesConfig config = config();
        return new ChangeValidator(config, registry(config), CLOCK);
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
