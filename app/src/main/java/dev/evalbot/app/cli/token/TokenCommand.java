package dev.evalbot.app.cli.token;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot token}: make keys, sign entries, verify the tokens in a results file. Register it
 * as a subcommand of the top-level command; the clock is injectable for tests.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Make and check verifyTokens (signed proof that a result came from a trusted runner).",
        subcommands = {KeygenCommand.class, SignCommand.class, VerifyCommand.class})
public final class TokenCommand implements Callable<Integer> {
    /** Exit codes shared by the subcommands. */
    static final int OK = 0;
    static final int UNVERIFIED = 1;
    static final int USAGE_OR_IO = 2;

    private final Clock clock;

    @Spec
    CommandSpec spec;

    public TokenCommand(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_OR_IO;
    }

    /** One line on stderr, never a stack trace. */
    static int fail(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("error: " + message);
        spec.commandLine().getErr().flush();
        return USAGE_OR_IO;
    }
}
