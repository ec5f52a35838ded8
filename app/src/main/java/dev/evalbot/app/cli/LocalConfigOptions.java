package dev.evalbot.app.cli;

import dev.evalbot.app.config.LocalConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config DIR} and {@code --registry DIR}: where a command finds evalbot's configuration. */
public final class LocalConfigOptions {
    @Option(names = "--config", paramLabel = "DIR",
            description = "configuration directory (default: $EVALBOT_CONFIG, else ./config)")
    Path config;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "benchmark definitions, <owner>/<name>/eval.yaml (default: <config>/benchmarks)")
    Path registry;

    /** The configuration these options name, {@code EVALBOT_CONFIG} in {@code env} as the default. */
    public LocalConfig load(Map<String, String> env) {
        return LocalConfig.load(LocalConfig.dirFrom(env, config), registry);
    }

    /** The {@code --registry} directory, or null for the configuration's own. */
    public Path registry() {
        return registry;
    }
}
