package dev.evalbot.rules.logs;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The log's primary metric for a task: {@code --metric} (a name, or {@code scorer/name}) when
 * given; else the first metric that is not a dispersion statistic and whose direction (known by
 * its name) agrees with the task's. A metric whose direction contradicts the task's is refused
 * rather than converted: only the user knows whether 1 - accuracy is the benchmark's error rate.
 */
public final class MetricChoice {
    /** Statistics about a metric, never a result themselves. */
    private static final Set<String> DISPERSION = Set.of("stderr", "std", "var", "variance", "stddev", "bootstrap_stderr");
    private static final List<String> LOWER = List.of("error", "loss", "mae", "mse", "rmse", "brier", "ece",
            "perplexity", "wer", "cer", "latency", "cost", "distance", "divergence", "kl");
    private static final List<String> HIGHER = List.of("accuracy", "acc", "mean", "f1", "precision", "recall",
            "pass", "exact", "match", "score", "success", "win", "bleu", "rouge", "auc");

    public RunLog.Metric choose(RunLog log, BenchmarkTask task, String metricFlag) {
        if (log.metrics().isEmpty()) {
            throw new RunMatchException("the log has no metric values (results.scores[].metrics is empty"
                    + (log.status() == null ? "" : "; status " + log.status()) + ")");
        }
        if (metricFlag != null) {
            RunLog.Metric m = log.metrics().stream()
                    .filter(x -> x.qualified().equals(metricFlag) || x.name().equals(metricFlag))
                    .findFirst().orElseThrow(() -> new RunMatchException("--metric " + metricFlag + " is not in the log "
                            + "(its metrics: " + names(log) + ")"));
            Optional<Boolean> lower = lowerIsBetter(m.name());
            if (lower.isPresent() && lower.get() != task.lowerIsBetter()) {
                throw new RunMatchException(contradiction(m, task));
            }
            return m;
        }
        List<RunLog.Metric> results = log.metrics().stream().filter(m -> !DISPERSION.contains(key(m.name()))).toList();
        for (RunLog.Metric m : results) {
            if (lowerIsBetter(m.name()).map(l -> l == task.lowerIsBetter()).orElse(false)) {
                return m;
            }
        }
        for (RunLog.Metric m : results) {
            if (lowerIsBetter(m.name()).isEmpty()) {
                return m;
            }
        }
        throw new RunMatchException(results.isEmpty() ? "the log has only dispersion statistics (" + names(log)
                + "): name the metric with --metric" : contradiction(results.get(0), task) + " (the log's metrics: "
                + names(log) + ")");
    }

    private static String contradiction(RunLog.Metric m, BenchmarkTask task) {
        return "metric '" + m.qualified() + "' is " + (task.lowerIsBetter() ? "higher" : "lower") + "-is-better, but "
                + task.datasetId() + " task " + task.task().id() + " ranks " + (task.lowerIsBetter() ? "lower" : "higher")
                + " values first: name the metric the benchmark reports with --metric";
    }

    /** The direction a metric's name tells, when it tells one. */
    static Optional<Boolean> lowerIsBetter(String name) {
        String k = key(name);
        for (String word : LOWER) {
            if (k.equals(word) || k.startsWith(word + "_") || k.endsWith("_" + word) || k.contains("_" + word + "_")) {
                return Optional.of(true);
            }
        }
        for (String word : HIGHER) {
            if (k.equals(word) || k.startsWith(word + "_") || k.endsWith("_" + word) || k.contains("_" + word + "_")) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_').replace('@', '_').replace(' ', '_');
    }

    private static String names(RunLog log) {
        return String.join(", ", log.metrics().stream().map(RunLog.Metric::qualified).toList());
    }
}
