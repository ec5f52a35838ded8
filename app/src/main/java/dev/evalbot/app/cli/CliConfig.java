package dev.evalbot.app.cli;

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
 * The configuration directory as the registry commands need it, read once.
 *
 * @param dir {@code --config}, else {@code EVALBOT_CONFIG}, else {@code config}
 */
record CliConfig(Path dir, RulesConfig rules, RegistrySettings settings) {
    static final String CONFIG_ENV = "EVALBOT_CONFIG";
    static final String CONFIG_FILE = "evalbot.yaml";

    static Path directory(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(CONFIG_ENV);
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "config" : fromEnv);
    }

    /** Every key of evalbot.yaml is optional, so a directory without it means the defaults. */
    static CliConfig load(Path dir, Map<String, String> env) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": no such configuration directory (set --config or " + CONFIG_ENV + ")");
        }
        Path file = dir.resolve(CONFIG_FILE);
        byte[] bytes;
        try {
            bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        RulesConfig rules = new RulesConfigParser(file.toString()).parse(bytes);
        RegistrySettings settings = new RegistrySettingsParser(file.toString()).parse(bytes, rules, env);
        return new CliConfig(dir, rules, settings);
    }

    Path benchmarksDir() {
        return dir.resolve("benchmarks");
    }
}
