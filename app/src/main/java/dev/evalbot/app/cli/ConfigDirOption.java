package dev.evalbot.app.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config DIR}, shared by the registry subcommands. */
final class ConfigDirOption {
    @Option(names = "--config", paramLabel = "DIR",
            description = "configuration directory (default: $EVALBOT_CONFIG, else config)")
    Path dir;

    Path resolve(Map<String, String> env) {
        return CliConfig.directory(dir, env);
    }
}
