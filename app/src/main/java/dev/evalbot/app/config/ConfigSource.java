package dev.evalbot.app.config;

import dev.evalbot.rules.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which configuration a command or the server uses, decided once at start: a directory the user
 * named ({@code --config}, else {@code EVALBOT_CONFIG}), else {@code ./config} when it holds an
 * {@code evalbot.yaml}, else the configuration shipped inside the jar. A directory that was named
 * but does not exist is an error, never a silent fallback: a typo must not review against other rules.
 */
public sealed interface ConfigSource {
    String ENV = "EVALBOT_CONFIG";
    /** Where a checkout of evalbot (the quick start) keeps its configuration. */
    Path WORKING_DIR_CONFIG = Path.of("config");

    /** The directory that holds {@code evalbot.yaml} and {@code benchmarks/}. */
    Path root();

    /** One line for the user: which configuration, and why that one. */
    String describe();

    /** A directory on disk; {@code how} says where its name came from. */
    record Directory(Path dir, String how) implements ConfigSource {
        @Override
        public Path root() {
            return dir;
        }

        @Override
        public String describe() {
            return "configuration: " + dir.toAbsolutePath().normalize() + " (" + how + ")";
        }
    }

    /** The copy of {@code config/evalbot.yaml} and {@code config/benchmarks/} inside the jar. */
    record Shipped(Path root) implements ConfigSource {
        @Override
        public String describe() {
            return "configuration: shipped with evalbot (no --config, " + ENV + " or ./config/evalbot.yaml)";
        }
    }

    /**
     * @param option {@code --config}, or null
     * @param workingDir where {@code ./config} is looked for
     * @throws ConfigException when a named directory does not exist
     */
    static ConfigSource resolve(Path option, Map<String, String> env, Path workingDir) {
        if (option != null) {
            return named(option, "--config");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return named(Path.of(fromEnv.trim()), ENV);
        }
        Path local = workingDir.resolve(WORKING_DIR_CONFIG);
        if (Files.isRegularFile(local.resolve("evalbot.yaml"))) {
            return new Directory(local, "./config");
        }
        return new Shipped(ShippedConfig.root());
    }

    private static ConfigSource named(Path dir, String how) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(how + " " + dir + ": no such configuration directory"
                    + " (without one, evalbot uses the configuration shipped inside the jar)");
        }
        return new Directory(dir, how);
    }
}
