package dev.evalbot.app.cli.imports;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot import}: turns results written elsewhere (an evaluation framework's log, a model
 * card's model-index) into {@code .eval_results} entries. One subcommand per source format.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Writes .eval_results entries from an evaluation log or a model card's model-index.",
        subcommands = {ImportInspectCommand.class, ImportLightevalCommand.class, ImportModelIndexCommand.class})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("evalbot import: name a source: inspect, lighteval or model-index");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
