package dev.evalbot.app.cli;

import dev.evalbot.app.config.ConfigSource;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config DIR}, shared by the registry subcommands. */
final class ConfigDirOption {
    @Option(names = "--config", paramLabel = "DIR",
            description = "configuration directory (default: $EVALBOT_CONFIG, else ./config when it holds "
                    + "evalbot.yaml, else the configuration shipped in the jar)")
    Path dir;

    ConfigSource resolve(Map<String, String> env) {
        return ConfigSource.resolve(dir, env, Path.of(""));
    }
}
