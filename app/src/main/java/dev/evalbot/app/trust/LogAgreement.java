package dev.evalbot.app.trust;

import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.logs.BenchmarkTask;
import dev.evalbot.rules.logs.HubTask;
import dev.evalbot.rules.logs.MetricChoice;
import dev.evalbot.rules.logs.RunLog;
import dev.evalbot.rules.logs.RunMatchException;
import dev.evalbot.rules.logs.TaskChoice;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.ResultEntry;
import dev.evalbot.rules.model.Task;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Does the log a source cites back the entry? The run finished; its model is the pull request's
 * model (after the provider prefix, {@code hf/}, {@code vllm/}, {@code openai/}); its task is the
 * entry's benchmark task (an {@code hf/ORG/DS[/TASK]} run, or a registered task of that name, as
 * {@code import inspect} maps it); its primary metric, on the task's scale, is the entry's value
 * within the entry's written precision. A date other than the log's {@code eval.created} is a
 * warning: a run can be reported days later, but usually is not.
 */
public final class LogAgreement {
    /** One disagreement between the entry and its log. */
    public record Problem(Severity severity, String message) {}

    /**
     * @param agrees the value was compared and nothing disagrees (a date warning aside): the entry is log-checked
     * @param says what the log says, one line, beside what the file says
     */
    public record Outcome(boolean agrees, List<Problem> problems, String says) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    private final BenchmarkRegistry registry;
    private final RulesConfig rules;

    public LogAgreement(BenchmarkRegistry registry, RulesConfig rules) {
        this.registry = registry;
        this.rules = rules;
    }

    /** The run of the log that reports on the entry's task (a lighteval file has one per task), checked. */
    public Outcome check(String prModel, ResultEntry e, List<RunLog> runs) {
        Optional<BenchmarkTask> target = target(e);
        RunLog run = runs.size() == 1 || target.isEmpty() ? runs.get(0)
                : runs.stream().filter(r -> sameTask(target.get(), r)).findFirst().orElse(runs.get(0));
        return check(prModel, e, run);
    }

    public Outcome check(String prModel, ResultEntry e, RunLog log) {
        List<Problem> problems = new ArrayList<>();
        if (!"success".equals(log.status())) {
            problems.add(new Problem(Severity.ERROR, "the cited log's run did not finish (status "
                    + (log.status() == null ? "unknown" : log.status()) + "): its score is not a result"));
        }
        if (log.model() == null) {
            problems.add(new Problem(Severity.ERROR, "the cited log names no model"));
        } else if (prModel != null && !prModel.equalsIgnoreCase(log.modelId()) && !prModel.equalsIgnoreCase(log.model())) {
            problems.add(new Problem(Severity.ERROR, "the cited log ran model " + log.modelId()
                    + (log.model().equals(log.modelId()) ? "" : " (" + log.model() + ")") + ", not this repository's model "
                    + prModel));
        }
        Optional<BenchmarkTask> target = target(e);
        String scaled = null;
        if (target.isEmpty()) {
            problems.add(new Problem(Severity.WARNING, "the entry's task is not a registered benchmark task, so the "
                    + "cited log cannot be compared with it"));
        } else if (!sameTask(target.get(), log)) {
            problems.add(new Problem(Severity.ERROR, "the cited log's task is " + log.task()
                    + (log.datasetLocation() == null ? "" : " (dataset " + log.datasetLocation() + ")") + ", not "
                    + e.datasetId() + " task " + e.taskId()));
        } else {
            try {
                RunLog.Metric metric = new MetricChoice().choose(log, target.get(), null);
                BigDecimal value = target.get().valueOf(metric, null);
                scaled = metric.qualified() + " = " + plain(metric.value())
                        + (value.compareTo(new BigDecimal(Double.toString(metric.value()))) == 0 ? ""
                                : " (" + value.toPlainString() + " on the task's " + target.get().scale() + " scale)");
                if (e.value() != null && !withinWrittenPrecision(e.value(), value)) {
                    problems.add(new Problem(Severity.ERROR, "value " + plain(e.value()) + " is not what the cited log "
                            + "says: " + scaled));
                }
            } catch (RunMatchException x) {
                problems.add(new Problem(Severity.WARNING, "cannot tell the cited log's score for this task: "
                        + x.getMessage()));
            }
        }
        dateProblem(e, log).ifPresent(problems::add);
        String says = "log: " + (log.status() == null ? "status unknown" : log.status()) + ", model "
                + (log.model() == null ? "none" : log.model()) + ", task " + (log.task() == null ? "none" : log.task())
                + (scaled == null ? "" : ", " + scaled) + (log.created() == null ? "" : ", created " + log.created());
        // A date off by days is worth a look, not a reason to doubt the score: it keeps the mark.
        boolean agrees = scaled != null && problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
        return new Outcome(agrees, problems, says);
    }

    private Optional<BenchmarkTask> target(ResultEntry e) {
        if (e.datasetId() == null || e.taskId() == null
                || !(registry.lookup(e.datasetId(), null) instanceof Lookup.Found found)) {
            return Optional.empty();
        }
        Benchmark b = found.benchmark();
        return b.task(e.taskId()).map(t -> new BenchmarkTask(b.id(), t, rules.benchmark(b.id()).task(t.id())));
    }

    private static boolean sameTask(BenchmarkTask target, RunLog log) {
        Optional<HubTask> hub = HubTask.of(log);
        if (hub.isPresent()) {
            return hub.get().datasetId().equalsIgnoreCase(target.datasetId())
                    && (hub.get().taskId() == null || hub.get().taskId().equals(target.task().id()));
        }
        Task t = target.task();
        return TaskChoice.matches(t, log);
    }

    /** Equal to the entry's last written digit: 41.2 accepts 41.15 up to 41.25 (0.4123 on a 0..100 task: 41.23). */
    static boolean withinWrittenPrecision(double written, BigDecimal logValue) {
        BigDecimal w = new BigDecimal(Double.toString(written)).stripTrailingZeros();
        BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(Math.max(0, w.scale())).divide(BigDecimal.valueOf(2));
        return w.subtract(logValue).abs().compareTo(halfUnit) <= 0;
    }

    private static Optional<Problem> dateProblem(ResultEntry e, RunLog log) {
        if (e.date() == null || log.created() == null) {
            return Optional.empty();
        }
        Optional<LocalDate> created = day(log.created());
        Optional<LocalDate> written = day(e.date());
        // The run's own calendar day or the UTC one: either is the date someone would write.
        Optional<LocalDate> local = log.created().length() >= 10 ? day(log.created().substring(0, 10)) : Optional.empty();
        if (created.isEmpty() || written.isEmpty() || created.get().equals(written.get())
                || local.isPresent() && local.get().equals(written.get())) {
            return Optional.empty();
        }
        return Optional.of(new Problem(Severity.WARNING, "date " + e.date() + " is not the cited log's run date "
                + created.get() + " (eval.created " + log.created() + ")"));
    }

    private static Optional<LocalDate> day(String text) {
        String t = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
