package dev.evalbot.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code validate} and {@code review}. */
final class ReportOptions {
    @Option(names = "--config", paramLabel = "DIR",
            description = "configuration directory (default: $EVALBOT_CONFIG, else ./config)")
    Path config;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "benchmark definitions, <owner>/<name>/eval.yaml (default: <config>/benchmarks)")
    Path registry;

    @Option(names = "--online", description = "check sources, verify tokens and read benchmark definitions "
            + "from the Hub (default: offline, no network)")
    boolean online;

    @Option(names = "--offline", description = "never touch the network (the default)")
    boolean offline;
}
