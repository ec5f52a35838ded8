package dev.evalbot.app.cli.token;

import dev.evalbot.app.trust.TokenIssuer;
import dev.evalbot.app.trust.TokenSubject;
import dev.evalbot.rules.model.ResultEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code token sign --key FILE --model REPO ENTRY.yaml [--entry N] [--expires-in DURATION]}. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Print a verifyToken for one entry of a results file.")
final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    TokenCommand parent;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "private JWK (from keygen)")
    Path key;

    @Option(names = "--model", required = true, paramLabel = "REPO", description = "model repository, e.g. acme/m-7b")
    String model;

    @Parameters(index = "0", paramLabel = "ENTRY.yaml", description = "results file")
    Path file;

    @Option(names = "--entry", defaultValue = "1", paramLabel = "N", description = "1-based entry number (default 1)")
    int entry;

    @Option(names = "--expires-in", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "e.g. 90d, 12h, PT1H; default: no expiry")
    Duration expiresIn;

    @Option(names = "--issuer", paramLabel = "ISS", description = "iss claim, e.g. the runner's name")
    String issuer;

    @Override
    public Integer call() {
        try {
            TokenIssuer signer = TokenIssuer.fromFile(key, parent.clock());
            List<ResultEntry> entries = ResultsFile.read(file);
            if (entry < 1 || entry > entries.size()) {
                return TokenCommand.fail(spec, file + " has " + entries.size() + " entries; --entry " + entry
                        + " is out of range");
            }
            ResultEntry e = entries.get(entry - 1);
            Optional<String> missing = missing(e);
            if (missing.isPresent()) {
                return TokenCommand.fail(spec, "entry " + entry + " of " + file + " has no " + missing.get());
            }
            TokenSubject subject = TokenSubject.of(model, e).orElseThrow();
            spec.commandLine().getOut().println(signer.sign(subject, expiresIn, issuer));
            spec.commandLine().getOut().flush();
            return TokenCommand.OK;
        } catch (IOException e) {
            return TokenCommand.fail(spec, e.getMessage());
        } catch (RuntimeException e) {
            return TokenCommand.fail(spec, String.valueOf(e.getMessage()));
        }
    }

    private static Optional<String> missing(ResultEntry e) {
        if (e.datasetId() == null) {
            return Optional.of("dataset.id");
        }
        if (e.taskId() == null) {
            return Optional.of("dataset.task_id");
        }
        if (e.value() == null) {
            return Optional.of("numeric value");
        }
        return Optional.empty();
    }
}
