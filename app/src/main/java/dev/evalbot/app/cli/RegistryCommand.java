package dev.evalbot.app.cli;

import dev.evalbot.app.registry.RegistryFactory;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot registry}: the benchmark definitions evalbot reviews against. Exit codes: 0 ok,
 * 1 a problem was found, 2 usage or I/O.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Benchmark definitions: show one, or sync the shipped copies from the Hub.",
        subcommands = {RegistrySyncCommand.class, RegistryShowCommand.class})
public final class RegistryCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final RegistryFactory factory;

    @Spec
    CommandSpec spec;

    /** @param env where EVALBOT_CONFIG, HF_ENDPOINT, HF_TOKEN and HF_HUB_OFFLINE are read */
    public RegistryCommand(Map<String, String> env, RegistryFactory factory) {
        this.env = Map.copyOf(env);
        this.factory = factory;
    }

    Map<String, String> env() {
        return env;
    }

    RegistryFactory factory() {
        return factory;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("evalbot registry: name a subcommand: sync or show");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
