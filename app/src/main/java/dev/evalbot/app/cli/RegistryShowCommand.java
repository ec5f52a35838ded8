package dev.evalbot.app.cli;

import dev.evalbot.app.registry.RegistrySettings;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.config.ConfigException;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code evalbot registry show ID}: the benchmark as a review would see it. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a benchmark's name, framework and tasks (with config and split).")
final class RegistryShowCommand implements Callable<Integer> {
    @ParentCommand
    RegistryCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigDirOption config;

    @Parameters(paramLabel = "ID", description = "the benchmark's Hub dataset id, e.g. cais/hle")
    String id;

    @Option(names = "--revision", paramLabel = "REV", description = "dataset revision to read (default: main)")
    String revision;

    @Option(names = "--offline", description = "use only <config>/benchmarks; never the Hub")
    boolean offline;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            CliConfig c = CliConfig.load(config.resolve(parent.env()), parent.env());
            RegistrySettings settings = offline ? c.settings().withOffline(true) : c.settings();
            BenchmarkRegistry registry = parent.factory().create(settings, c.rules(), c.benchmarksDir());
            Lookup lookup = registry.lookup(id, revision);
            if (lookup instanceof Lookup.Found found) {
                print(stdout, found.benchmark(), found.notice());
                return 0;
            }
            if (lookup instanceof Lookup.NotRegistered nr) {
                stderr.println("evalbot registry show: " + CliText.safe(id) + " is not a registered benchmark: "
                        + CliText.safe(nr.howToRegister()));
                return 1;
            }
            stderr.println("evalbot registry show: " + CliText.safe(((Lookup.Unavailable) lookup).reason()));
            return 2;
        } catch (ConfigException e) {
            stderr.println("evalbot registry show: " + CliText.safe(e.getMessage()));
            return 2;
        } catch (RuntimeException e) {
            stderr.println("evalbot registry show: unexpected " + e.getClass().getSimpleName() + ": "
                    + CliText.safe(e.getMessage()));
            return 2;
        }
    }

    private static void print(PrintWriter out, Benchmark b, String notice) {
        out.println(CliText.safe(b.name()) + " (" + b.id() + ")");
        out.println("framework: " + CliText.safe(b.framework()));
        if (notice != null) {
            out.println("note: " + CliText.safe(notice));
        }
        out.println("tasks:");
        int width = b.tasks().stream().mapToInt(t -> CliText.safe(t.id()).length()).max().orElse(0);
        for (Task t : b.tasks()) {
            String taskId = CliText.safe(t.id());
            out.println("  " + taskId + " ".repeat(width - taskId.length())
                    + "  config=" + (t.config() == null ? "(default)" : CliText.safe(t.config()))
                    + "  split=" + CliText.safe(t.effectiveSplit())
                    + (t.lowerIsBetter() ? "  lower is better" : ""));
        }
    }
}
