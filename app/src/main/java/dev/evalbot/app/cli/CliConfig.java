package dev.evalbot.app.cli;

import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.registry.HubAccess;
import dev.evalbot.app.registry.RegistrySettings;
import dev.evalbot.app.registry.RegistrySettingsParser;
import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.RulesConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration as the registry commands need it, read once.
 *
 * @param source {@code --config}, else {@code EVALBOT_CONFIG}, else {@code ./config}, else the shipped one
 */
record CliConfig(ConfigSource source, RulesConfig rules, RegistrySettings settings) {
    static final String CONFIG_FILE = "evalbot.yaml";

    /** Every key of evalbot.yaml is optional, so a directory without it means the defaults. */
    static CliConfig load(ConfigSource source, Map<String, String> env) {
        Path dir = source.root();
        Path file = dir.resolve(CONFIG_FILE);
        byte[] bytes;
        try {
            bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        RulesConfig rules = new RulesConfigParser(file.toString()).parse(bytes);
        RegistrySettings settings = new RegistrySettingsParser(file.toString()).parse(bytes, rules,
                HubAccess.fromEnvironment(env));
        return new CliConfig(source, rules, settings);
    }

    Path benchmarksDir() {
        return source.root().resolve("benchmarks");
    }
}
