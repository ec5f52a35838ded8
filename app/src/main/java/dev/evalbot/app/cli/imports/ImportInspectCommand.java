package dev.evalbot.app.cli.imports;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code evalbot import inspect}: .eval_results entries from an Inspect AI evaluation log. (Placeholder: not built yet.) */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints .eval_results entries read from an Inspect AI evaluation log.")
public final class ImportInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("evalbot import inspect: not available yet");
        return 2;
    }
}
