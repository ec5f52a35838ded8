package dev.evalbot.app.cli.token;

import dev.evalbot.app.trust.FileJwksSource;
import dev.evalbot.app.trust.TokenCheck;
import dev.evalbot.app.trust.TokenVerifier;
import dev.evalbot.rules.model.ResultEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code token verify --jwks FILE --model REPO ENTRY.yaml}: one line per entry; exit 0 only if all verify. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify the verifyToken of every entry of a results file. Exit 0 if all verify, 1 if not,"
                + " 2 on a usage or I/O error.")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    TokenCommand parent;

    @Option(names = "--jwks", required = true, paramLabel = "FILE", description = "public JWK set")
    Path jwks;

    @Option(names = "--model", required = true, paramLabel = "REPO", description = "model repository the file is in")
    String model;

    @Parameters(index = "0", paramLabel = "ENTRY.yaml", description = "results file")
    Path file;

    @Override
    public Integer call() {
        try {
            TokenVerifier verifier = new TokenVerifier(FileJwksSource.load(jwks), parent.clock());
            List<ResultEntry> entries = ResultsFile.read(file);
            PrintWriter out = spec.commandLine().getOut();
            boolean all = !entries.isEmpty();
            for (ResultEntry e : entries) {
                TokenCheck check = verifier.check(model, e);
                all &= check.verified();
                out.println("entry " + e.index() + " (" + describe(e) + "): "
                        + (check.verified() ? check.message() : "unverified: " + check.message()));
            }
            if (entries.isEmpty()) {
                out.println(file + " has no entries");
            }
            out.flush();
            return all ? TokenCommand.OK : TokenCommand.UNVERIFIED;
        } catch (IOException e) {
            return TokenCommand.fail(spec, e.getMessage());
        } catch (RuntimeException e) {
            return TokenCommand.fail(spec, String.valueOf(e.getMessage()));
        }
    }

    private static String describe(ResultEntry e) {
        String dataset = e.datasetId() == null ? "no dataset" : e.datasetId();
        return e.taskId() == null ? dataset : dataset + " " + e.taskId();
    }
}
