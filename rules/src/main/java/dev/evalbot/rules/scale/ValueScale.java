package dev.evalbot.rules.scale;

import dev.evalbot.rules.config.TaskPolicy;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A reported value put on its task's configured range: a fraction on a 0..100 task is multiplied
 * by 100, a percentage on a 0..1 task divided by 100, in decimal arithmetic (0.412 becomes 41.2,
 * not 41.199999999999996). A value above 1 is a percentage; one of at most 1 is a fraction on a
 * 0..1 task, or when its metric's name says so (accuracy, f1, ...); otherwise only the user can
 * say ({@code --scale}). One rule for {@code import inspect}, the log check and
 * {@code import model-index}; the two sources keep their own fraction names and their own
 * handling of what the rule cannot decide ({@link #ofRun}, {@link #ofCard}).
 */
public final class ValueScale {
    /** How a value is written: {@code --scale}. Lower case, as the flag is spelled. */
    public enum Written { fraction, percent }

    /** What happens to a model card's value. */
    public sealed interface Outcome {
        /** As written: no range, or already on it. */
        record Kept(String value) implements Outcome {}

        /** Put on the task's range; {@code why} is shown to the user. */
        record Rescaled(String value, String why) implements Outcome {}

        /** Could be a fraction or a percentage: the user must say which. */
        record Ambiguous(String reason) implements Outcome {}
    }

    /** Metrics that run logs (Inspect's built-in scorers, lighteval's results) report as a fraction of 1. */
    private static final Set<String> RUN_FRACTIONS = Set.of("accuracy", "acc", "mean", "f1", "precision", "recall",
            "exact", "match", "includes", "pass_at_1", "pass@1", "success_rate",
            "em", "acc_norm", "extractive_match", "quasi_exact_match", "prefix_exact_match", "mc1", "mc2");

    /** Metric types that model cards (Inspect's and lm-eval's names) write as a fraction of 1. */
    private static final Set<String> CARD_FRACTIONS = Set.of("accuracy", "acc", "acc_norm", "mean", "f1", "precision",
            "recall", "exact", "exact_match", "em", "match", "includes", "pass_at_1", "pass@1", "success_rate");

    private final Written flag;

    /** @param flag {@code --scale}, or null to decide by value and metric name */
    public ValueScale(Written flag) {
        this.flag = flag;
    }

    /**
     * A run log's value: as the log says when the task has no range (e.g. an unbounded
     * lower-is-better metric), else on the range, even when it lands outside it (the range
     * check then quotes the converted value). Empty when it could be a fraction or a percentage.
     */
    public Optional<BigDecimal> ofRun(BigDecimal value, TaskPolicy policy, String metricName) {
        if (!policy.hasRange()) {
            return Optional.of(clean(value));
        }
        return written(value, policy, RUN_FRACTIONS.contains(metricName.toLowerCase(Locale.ROOT)))
                .map(as -> clean(moved(value, policy, as)));
    }

    /**
     * A model card's value: a zero, or a value that would not land inside the range, is left as
     * written, so that the range finding quotes the card.
     *
     * @param written the value as the card wrote it (a plain decimal)
     * @param metricType the metric's {@code type} (else its name), for the fraction names
     * @param task e.g. {@code cais/hle task hle}, for the messages
     */
    public Outcome ofCard(String written, TaskPolicy policy, String metricType, String task) {
        BigDecimal value = new BigDecimal(written);
        if (!policy.hasRange() || value.signum() == 0) {
            return new Outcome.Kept(written);
        }
        Optional<Written> as = written(value, policy, CARD_FRACTIONS.contains(metricType.toLowerCase(Locale.ROOT)));
        if (as.isEmpty()) {
            return new Outcome.Ambiguous("its value " + written + " could be a fraction or a percentage, and " + task
                    + " is on " + range(policy) + ": say how the card writes it with --scale fraction or --scale percent");
        }
        if (as.get() == onRange(policy)) {
            return new Outcome.Kept(written);
        }
        BigDecimal scaled = moved(value, policy, as.get());
        double d = scaled.doubleValue();
        if (d < policy.min() || d > policy.max()) {
            return new Outcome.Kept(written);
        }
        String plain = clean(scaled).toPlainString();
        return new Outcome.Rescaled(plain, written + " read as a " + (as.get() == Written.fraction ? "fraction" : "percentage")
                + ", written as " + plain + " (" + task + " is on " + range(policy) + ")");
    }

    /** "0..100" for a task's configured range. */
    public static String range(TaskPolicy policy) {
        return plain(policy.min()) + ".." + plain(policy.max());
    }

    /** How the value is written: the flag, else its size, else its metric's name; empty when none tells. */
    private Optional<Written> written(BigDecimal value, TaskPolicy policy, boolean fractionName) {
        if (flag != null) {
            return Optional.of(flag);
        }
        if (value.abs().doubleValue() > 1) {
            return Optional.of(Written.percent);
        }
        return fractionName || onRange(policy) == Written.fraction ? Optional.of(Written.fraction) : Optional.empty();
    }

    /** The value moved onto the task's range from how it is written. */
    private static BigDecimal moved(BigDecimal value, TaskPolicy policy, Written as) {
        if (as == onRange(policy)) {
            return value;
        }
        return as == Written.fraction ? value.movePointRight(2) : value.movePointLeft(2);
    }

    /** How the task's range writes values: 0..100 is a percentage, 0..1 a fraction. */
    private static Written onRange(TaskPolicy policy) {
        return policy.max() > 1 ? Written.percent : Written.fraction;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static BigDecimal clean(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
