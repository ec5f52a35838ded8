package dev.evalbot.app.config;

import dev.evalbot.app.registry.HubAccess;
import dev.evalbot.app.registry.LocalRegistryLoader;
import dev.evalbot.app.registry.RegistryFactory;
import dev.evalbot.app.registry.RegistrySettings;
import dev.evalbot.app.registry.RegistrySettingsParser;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.RulesConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The configuration directory as shipped ({@code config/}): {@code evalbot.yaml} and the offline
 * benchmark definitions under {@code benchmarks/<owner>/<name>/eval.yaml}. Read once at start.
 */
public record LocalConfig(Path dir, byte[] evalbotYaml, RulesConfig rules, StaticRegistry registry) {
    /** @param benchmarksDir overrides the source's {@code benchmarks/}, or null */
    public static LocalConfig load(ConfigSource source, Path benchmarksDir) {
        return load(source.root(), benchmarksDir);
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
        return new LocalRegistryLoader(rules).load(root);
    }

    /** Where {@code benchmarks/} is, unless the caller named another directory. */
    public Path benchmarksDir(Path override) {
        return override != null ? override : dir.resolve("benchmarks");
    }

    /**
     * The registry to review with: the Hub behind a cache when online, else the shipped
     * definitions only. {@code online} false never touches the network.
     */
    public BenchmarkRegistry registry(HubAccess hub, boolean online, Path benchmarksOverride, Clock clock) {
        RegistrySettings settings = new RegistrySettingsParser(dir.resolve("evalbot.yaml").toString())
                .parse(evalbotYaml, rules, hub);
        if (!online) {
            settings = settings.withOffline(true);
        }
        if (settings.offline()) {
            return registry;
        }
        return new RegistryFactory(clock).create(settings, rules, benchmarksDir(benchmarksOverride));
    }
}
