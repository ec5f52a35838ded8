package dev.evalbot.app.cli.common;

import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.config.LocalConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config DIR} and {@code --registry DIR}: where a command finds evalbot's configuration. */
public final class LocalConfigOptions {
    @Option(names = "--config", paramLabel = "DIR",
            description = "configuration directory (default: $EVALBOT_CONFIG, else ./config when it holds "
                    + "evalbot.yaml, else the configuration shipped in the jar)")
    Path config;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "benchmark definitions, <owner>/<name>/eval.yaml (default: <config>/benchmarks)")
    Path registry;

    /** Which configuration these options name, {@code EVALBOT_CONFIG} in {@code env} as the default. */
    public ConfigSource source(Map<String, String> env) {
        return ConfigSource.resolve(config, env, Path.of(""));
    }

    /** The configuration these options name, {@code EVALBOT_CONFIG} in {@code env} as the default. */
    public LocalConfig load(Map<String, String> env) {
        return load(source(env));
    }

    public LocalConfig load(ConfigSource source) {
        return LocalConfig.load(source, registry);
    }

    /** The {@code --registry} directory, or null for the configuration's own. */
    public Path registry() {
        return registry;
    }
}
