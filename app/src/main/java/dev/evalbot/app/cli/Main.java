package dev.evalbot.app.cli;

import dev.evalbot.app.cli.common.ExitCodes;
import dev.evalbot.app.cli.token.TokenCommand;
import dev.evalbot.app.registry.RegistryFactory;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code evalbot} command line: one class per command, registered here. */
@Command(name = "evalbot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reviews model evaluation results: validates .eval_results/ files and eval.yaml, "
                + "and runs the review bot for GitHub and the Hugging Face Hub.",
        subcommands = {ValidateCommand.class, ReviewCommand.class, ServeCommand.class, SendCommand.class,
                RegistryCommand.class, DeliveriesCommand.class, ReplayCommand.class, BackfillCommand.class, TokenCommand.class,
                dev.evalbot.app.cli.imports.ImportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with this process's environment and clock and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return execute(commandLine(), args, out, err);
    }

    /** Every command, built with this process's environment and clock, its help laid out. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main(), new Commands(System.getenv(), Clock.systemUTC()));
        HelpLayout.apply(cli);
        return cli;
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

    /**
     * Builds each command with what it reads from the process, handed in here: the CLI's composition
     * root. Commands that read nothing of it are built as picocli builds them.
     */
    private record Commands(Map<String, String> env, Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Object command;
            if (type == BackfillCommand.class) {
                command = new BackfillCommand(env);
            } else if (type == SendCommand.class) {
                command = new SendCommand(env);
            } else if (type == DeliveriesCommand.class) {
                command = new DeliveriesCommand(env);
            } else if (type == ReplayCommand.class) {
                command = new ReplayCommand(env);
            } else if (type == RegistryCommand.class) {
                command = new RegistryCommand(env, new RegistryFactory());
            } else if (type == TokenCommand.class) {
                command = new TokenCommand(clock);
            } else {
                return CommandLine.defaultFactory().create(type);
            }
            return type.cast(command);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"evalbot " + VERSION};
        }
    }
}
