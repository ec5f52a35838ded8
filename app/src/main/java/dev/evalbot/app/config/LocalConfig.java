package dev.evalbot.app.config;

import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.RulesConfigParser;
import dev.evalbot.rules.model.Benchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The configuration directory as shipped ({@code config/}): {@code evalbot.yaml} and the offline
 * benchmark definitions under {@code benchmarks/<owner>/<name>/eval.yaml}. Read once at start.
 */
public record LocalConfig(Path dir, byte[] evalbotYaml, RulesConfig rules, StaticRegistry registry) {
    public static final String ENV_CONFIG = "EVALBOT_CONFIG";

    public static Path dirFrom(Map<String, String> env, Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = env.get(ENV_CONFIG);
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "config" : fromEnv);
    }

    /** @param benchmarksDir overrides {@code dir/benchmarks}, or null */
    public static LocalConfig load(Path dir, Path benchmarksDir) {
        Path file = dir.resolve("evalbot.yaml");
        byte[] yaml;
        RulesConfig rules;
        try {
            yaml = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            rules = yaml.length == 0 ? RulesConfig.DEFAULT : new RulesConfigParser(file.toString()).parse(yaml);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Path benchmarks = benchmarksDir != null ? benchmarksDir : dir.resolve("benchmarks");
        return new LocalConfig(dir, yaml, rules, loadRegistry(benchmarks, rules));
    }

    /** Reads every {@code <owner>/<name>/eval.yaml}; one with errors stops start-up with its position. */
    public static StaticRegistry loadRegistry(Path root, RulesConfig rules) {
        if (!Files.isDirectory(root)) {
            throw new ConfigException("benchmark registry " + root + " is not a directory");
        }
        BenchmarkParser parser = new BenchmarkParser(rules);
        List<Benchmark> benchmarks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("eval.yaml")).sorted().toList()) {
                Path rel = root.relativize(p.getParent());
                if (rel.getNameCount() != 2) {
                    throw new ConfigException(p + ": expected <owner>/<name>/eval.yaml under " + root);
                }
                String id = rel.getName(0) + "/" + rel.getName(1);
                BenchmarkFile parsed = parser.parse(id, p.toString(), Files.readAllBytes(p));
                if (parsed.benchmark().isEmpty()) {
                    Finding f = parsed.findings().stream().filter(Finding::isError).findFirst().orElseThrow();
                    throw new ConfigException(f.file() + ":" + f.line() + ":" + f.column() + ": " + f.message());
                }
                benchmarks.add(parsed.benchmark().get());
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read benchmark registry " + root + ": " + e.getMessage());
        }
        return new StaticRegistry(benchmarks);
    }
}
