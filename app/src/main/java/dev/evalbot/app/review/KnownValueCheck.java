package dev.evalbot.app.review;

import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.StoredResult;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.model.ResultEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares each new value with what evalbot already holds for the same model, benchmark and
 * task. A difference beyond the task's tolerance is a warning that shows both reports side by
 * side (value, tier, source, notes), so reviewers spot a different setup (tools, provider,
 * few-shot) at a glance. Wraps the trust step, whose tiers it needs.
 */
public final class KnownValueCheck implements TrustAnnotator {
    public static final RuleCode DEVIATES = new RuleCode("value-deviates", Severity.WARNING,
            "a new value is within the task's tolerance of the best-tier value already known for the model");
    static final double PERCENT_TOLERANCE = 3.0;
    static final double FRACTION_TOLERANCE = 0.03;

    private final TrustAnnotator inner;
    private final ResultStore results;
    private final RulesConfig config;

    public KnownValueCheck(TrustAnnotator inner, ResultStore results, RulesConfig config) {
        this.inner = inner;
        this.results = results;
        this.config = config;
    }

    @Override
    public Annotated annotate(PullRequestRef pr, ChangeReport report, boolean bypassCaches) {
        Annotated annotated = inner.annotate(pr, report, bypassCaches);
        List<FileReport> files = new ArrayList<>();
        // One read per benchmark task of the change, however many entries and files name it.
        Map<List<String>, Optional<StoredResult>> stored = new HashMap<>();
        for (FileReport file : annotated.report().files()) {
            List<Finding> extra = new ArrayList<>();
            for (ResultEntry e : file.acceptedEntries()) {
                known(pr, e, stored).ifPresent(k -> {
                    double tolerance = tolerance(e);
                    if (Math.abs(k.entry().value() - e.value()) > tolerance) {
                        extra.add(new Finding(DEVIATES.code(), DEVIATES.severity(), file.path(), e.line(), 1, e.index(),
                                "value " + plain(e.value()) + " differs by more than " + plain(tolerance)
                                        + " from the " + k.entry().tier().label() + " value " + plain(k.entry().value())
                                        + " already known for this model (" + describe(k) + ")",
                                "if the setup differs (tools, provider, few-shot), say so in notes"));
                    }
                });
            }
            files.add(extra.isEmpty() ? file : file.withFindings(extra));
        }
        return new Annotated(new ChangeReport(files, annotated.report().changeFindings()), annotated.statuses(),
                annotated.labels());
    }

    /** The best-tier, newest value already on the boards for this model and task, from other changes. */
    private Optional<StoredResult> known(PullRequestRef pr, ResultEntry e,
            Map<List<String>, Optional<StoredResult>> stored) {
        if (e.value() == null || e.taskId() == null) {
            return Optional.empty();
        }
        // One indexed lookup per task of the change: reading the repository's every entry for the task
        // and sorting in Java grew with its pull requests (more than half of a 10-file review's CPU).
        return stored.computeIfAbsent(List.of(e.datasetId(), e.taskId()), k -> results.bestKnown(
                pr.platform(), pr.repo(), e.datasetId(), e.taskId(), pr.number()));
    }

    private double tolerance(ResultEntry e) {
        TaskPolicy policy = config.benchmark(e.datasetId()).task(e.taskId());
        if (policy.tolerance() != null) {
            return policy.tolerance();
        }
        return policy.hasRange() && policy.max() <= 1 ? FRACTION_TOLERANCE : PERCENT_TOLERANCE;
    }

    private static String describe(StoredResult k) {
        String where = k.pull().number() == 0 ? "default branch" : "PR #" + k.pull().number();
        String source = k.entry().sourceUrl() == null ? "no source" : "source " + k.entry().sourceUrl();
        String notes = k.entry().notes() == null ? "no notes" : "notes \"" + k.entry().notes() + "\"";
        return where + ", " + source + ", " + notes;
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
