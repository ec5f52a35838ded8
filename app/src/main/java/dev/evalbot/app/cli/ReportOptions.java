package dev.evalbot.app.cli;

import dev.evalbot.app.cli.common.LocalConfigOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by {@code validate} and {@code review}. */
final class ReportOptions {
    @Mixin
    LocalConfigOptions local = new LocalConfigOptions();

    @Option(names = "--online", description = "check sources, verify tokens and read benchmark definitions "
            + "from the Hub (default: offline, no network)")
    boolean online;

    @Option(names = "--offline", description = "never touch the network (the default)")
    boolean offline;
}
