package dev.evalbot.app.cli.imports;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code evalbot import model-index}: .eval_results entries from a model card's model-index. (Placeholder: not built yet.) */
@Command(name = "model-index", mixinStandardHelpOptions = true,
        description = "Prints .eval_results entries read from a model card's model-index.")
public final class ImportModelIndexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("evalbot import model-index: not available yet");
        return 2;
    }
}
