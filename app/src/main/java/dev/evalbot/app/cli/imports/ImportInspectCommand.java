package dev.evalbot.app.cli.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.cli.common.LocalConfigOptions;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.logs.BenchmarkTask;
import dev.evalbot.rules.logs.LogLimits;
import dev.evalbot.rules.logs.MetricChoice;
import dev.evalbot.rules.logs.RunLog;
import dev.evalbot.rules.logs.RunMatchException;
import dev.evalbot.rules.logs.TaskChoice;
import dev.evalbot.rules.scale.ValueScale;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot import inspect LOG...}: .eval_results entries from Inspect AI evaluation logs
 * ({@code .eval} or JSON; a directory is an eval set, one entry per log), validated with the bot's
 * own rules before they are printed. Offline: only the configured benchmark definitions are used.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints .eval_results entries read from Inspect AI evaluation logs (.eval or JSON; a directory "
                + "of logs, such as an eval set's, gives one entry per log). Exit 0: printed; 1: the entries would not "
                + "validate; 2: something could not be read or inferred (the message names the flag).")
public class ImportInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "ID", description = "the benchmark's dataset id (default: from the log's task)")
    String dataset;

    @Option(names = "--task", paramLabel = "ID", description = "the benchmark's task id (default: from the log's task)")
    String task;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "the log's metric to report, NAME or SCORER/NAME (default: the first that fits the task)")
    String metric;

    @Option(names = "--scale", paramLabel = "fraction|percent",
            description = "how the log writes the metric, when its value cannot tell (0.8 of 1, or 0.8 %%)")
    ValueScale.Written scale;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "the run's date (default: the log's eval.created)")
    String date;

    @Mixin
    LocalConfigOptions configOptions = new LocalConfigOptions();

    @Parameters(paramLabel = "LOG", arity = "1..*", description = "Inspect AI logs (.eval or .json), or directories of logs")
    List<Path> logs;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LocalConfig local = configOptions.load(System.getenv());
        ObjectMapper json = new ObjectMapper();
        TaskChoice tasks = new TaskChoice(local.registry(), local.rules());
        List<ResultsYaml.Entry> entries = new ArrayList<>();
        try {
            for (LocalLogs.Read read : new LocalLogs(LogLimits.DEFAULT).read(logs)) {
                entries.add(entry(read.file(), read.log(), tasks));
            }
        } catch (ImportException | RunMatchException e) {
            err.println(prefix() + e.getMessage());
            return 2;
        }
        String yaml = new ResultsYaml(json).write(entries);
        ChangeValidator validator = new ChangeValidator(local.rules(), local.registry(), Clock.systemUTC());
        ChangeReport report = validator.validate("local/import",
                List.of(new ChangedFile(".eval_results/inspect.yaml", FileKind.RESULTS, yaml.getBytes(StandardCharsets.UTF_8))));
        for (Finding f : report.allFindings()) {
            err.println(prefix() + f.severity().label() + "[" + f.code() + "] in entry " + f.entry()
                    + ": " + f.message() + (f.hint() == null ? "" : " (" + f.hint() + ")"));
        }
        if (report.verdict() == dev.evalbot.rules.check.Verdict.INVALID) {
            err.println(prefix() + "the entries would not validate; nothing printed");
            return 1;
        }
        spec.commandLine().getOut().print(yaml);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** "evalbot import inspect: ", or the subcommand's own name. */
    private String prefix() {
        return "evalbot import " + spec.name() + ": ";
    }

    private ResultsYaml.Entry entry(Path file, RunLog log, TaskChoice tasks) {
        if (log.status() != null && !log.status().equals("success")) {
            throw new ImportException(file + ": the run did not finish (status " + log.status() + ")"
                    + (log.samples() == null ? "" : " after " + log.samples() + " samples") + "; a partial run's score is not a result");
        }
        BenchmarkTask target = tasks.choose(log, dataset, task);
        RunLog.Metric chosen = new MetricChoice().choose(log, target, metric);
        var value = target.valueOf(chosen, scale);
        String origin = "from " + file.getFileName() + ": task " + log.task() + ", " + chosen.qualified() + " = "
                + chosen.value() + ", reported on " + target.datasetId() + " " + target.task().id() + " ("
                + target.scale() + (target.lowerIsBetter() ? ", lower is better" : "") + ")";
        return new ResultsYaml.Entry(target.datasetId(), target.task().id(), value, runDate(log), new VariantNotes().of(log),
                origin);
    }

    private String runDate(RunLog log) {
        if (date == null) {
            return RunDate.of(log.created(), log.framework());
        }
        try {
            return LocalDate.parse(date.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new ImportException("--date " + date + " is not a date (YYYY-MM-DD)");
        }
    }
}
