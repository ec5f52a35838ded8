package dev.evalbot.app.cli;

import dev.evalbot.app.cli.common.ExitCodes;
import dev.evalbot.app.review.Review;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evalbot validate PATH...}: the bot's checks on local files, offline by default. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate results files and eval.yaml definitions. A directory is searched for "
                + ".eval_results/**/*.yaml|yml and eval.yaml; .eval_results itself for every YAML file; no PATH "
                + "means the current directory. Exit 0: no errors; 1: errors; 2: usage, I/O, or nothing to validate.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ReportOptions options = new ReportOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif, markdown (the comment the bot would post) or github "
                    + "(workflow commands that annotate a GitHub Actions run)")
    OutputFormat format;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "files or directories (default: the current directory, as linters do)")
    List<Path> paths;

    private static String repoOf(String path) {
        String p = Path.of(path).toAbsolutePath().normalize().toString().replace('\\', '/');
        int at = p.lastIndexOf(".eval_results/");
        return at >= 0 ? p.substring(0, at) : p;
    }

    @Override
    public Integer call() throws Exception {
        ReviewSession session = ReviewSession.open(options, System.getenv(), Clock.systemUTC());
        List<Path> named = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
        List<ChangedFile> files;
        try {
            files = new LocalFiles(session.config().rules().limits().maxBytes()).collect(named);
        } catch (IOException e) {
            if (format == OutputFormat.github) { // a workflow run shows it as an error, not only in its log
                spec.commandLine().getOut().println(WorkflowCommands.error("evalbot", e.getMessage()));
                spec.commandLine().getOut().flush();
            }
            throw e;
        }
        // The per-change file cap protects the bot from huge pull requests; locally, a user who
        // validates a whole tree wants every file checked.
        ChangeValidator validator = new ChangeValidator(
                session.config().rules().withMaxFilesPerChange(Integer.MAX_VALUE), session.registry(),
                Clock.systemUTC());
        List<FileReport> reports = new ArrayList<>();
        List<Finding> changeFindings = new ArrayList<>();
        // Results files of one model repository are checked together (duplicates across its files);
        // files named outside any .eval_results/ directory each stand alone.
        Map<String, List<ChangedFile>> byRepo = new LinkedHashMap<>();
        for (ChangedFile f : files) {
            if (f.kind() == FileKind.BENCHMARK) {
                ChangeReport r = validator.validate(LocalFiles.benchmarkIdOf(f.path()), List.of(f));
                reports.addAll(r.files());
                changeFindings.addAll(r.changeFindings());
            } else {
                byRepo.computeIfAbsent(repoOf(f.path()), k -> new ArrayList<>()).add(f);
            }
        }
        for (List<ChangedFile> group : byRepo.values()) {
            ChangeReport r = validator.validate("local/results", group);
            reports.addAll(r.files());
            changeFindings.addAll(r.changeFindings());
        }
        Review review = session.review("local", 0, null, new ChangeReport(reports, changeFindings));
        session.print(review, format, spec.commandLine().getOut());
        return review.verdict() == dev.evalbot.rules.check.Verdict.INVALID ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
