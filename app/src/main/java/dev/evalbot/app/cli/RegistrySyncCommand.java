package dev.evalbot.app.cli;

import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.registry.BenchmarkSync;
import dev.evalbot.app.registry.SyncOutcome;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code evalbot registry sync}: refresh the shipped definitions of the listed benchmarks from the Hub. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Write the current eval.yaml of every benchmark under registry.benchmarks into DIR, "
                + "each only after it validates; report what changed.")
final class RegistrySyncCommand implements Callable<Integer> {
    @ParentCommand
    RegistryCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigDirOption config;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: <config>/benchmarks)")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            CliConfig c = CliConfig.load(config.resolve(parent.env()), parent.env());
            if (c.settings().offline()) {
                stderr.println("evalbot registry sync: reads the Hub, but offline mode is on "
                        + "(registry.offline in evalbot.yaml, or HF_HUB_OFFLINE)");
                return 2;
            }
            if (c.settings().allowList().isEmpty()) {
                stdout.println("no benchmarks listed under registry.benchmarks: nothing to sync");
                return 0;
            }
            if (out == null && c.source() instanceof ConfigSource.Shipped) {
                stderr.println("evalbot registry sync: writes definitions into a configuration directory, and none "
                        + "is in use (the shipped one is inside the jar): name one with --config, or a target with --out");
                return 2;
            }
            Path target = out != null ? out : c.benchmarksDir();
            BenchmarkSync sync = new BenchmarkSync(parent.factory().hubClient(c.settings(), c.rules()),
                    new BenchmarkParser(c.rules()), target);
            int worst = 0;
            int changed = 0;
            for (String id : c.settings().allowList()) {
                SyncOutcome outcome = sync.sync(id);
                stdout.println(CliText.safe(outcome.describe()));
                worst = Math.max(worst, outcome.exitCode());
                if (outcome instanceof SyncOutcome.Added || outcome instanceof SyncOutcome.Updated) {
                    changed++;
                }
            }
            stdout.println(c.settings().allowList().size() + " benchmarks, " + changed + " changed, into " + target);
            return worst;
        } catch (ConfigException e) {
            stderr.println("evalbot registry sync: " + CliText.safe(e.getMessage()));
            return 2;
        } catch (RuntimeException e) {
            stderr.println("evalbot registry sync: unexpected " + e.getClass().getSimpleName() + ": "
                    + CliText.safe(e.getMessage()));
            return 2;
        }
    }
}
