package dev.evalbot.app.cli;

import dev.evalbot.app.cli.common.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code evalbot} command line: one class per command, registered here. */
@Command(name = "evalbot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reviews model evaluation results: validates .eval_results/ files and eval.yaml, "
                + "and runs the review bot for GitHub and the Hugging Face Hub.",
        subcommands = {ValidateCommand.class, ReviewCommand.class, ServeCommand.class, SendCommand.class,
                RegistryCommand.class, DeliveriesCommand.class, ReplayCommand.class, BackfillCommand.class, dev.evalbot.app.cli.token.TokenCommand.class,
                dev.evalbot.app.cli.imports.ImportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit status; what tests call. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        HelpLayout.apply(cli);
        return execute(cli, args, out, err);
    }

    /** Runs one command line as {@link #run} does, for a command built with what a test gives it. */
    static int execute(CommandLine cli, String[] args, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One line, never a stack trace: the user can act on the message, not on our internals.
            commandLine.getErr().println("evalbot: " + oneLine(e));
            return ExitCodes.USAGE_OR_IO;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** {@code evalbot} alone is a usage error: scripts must not take it for a command that worked. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("evalbot: name a command (evalbot help COMMAND tells more about one)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE_OR_IO;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"evalbot " + VERSION};
        }
    }
}
