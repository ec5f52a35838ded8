package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.config.TaskPolicy;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * A model card's value put on the task's configured range, as {@code import inspect} does: a
 * percentage on a 0..1 task is divided by 100, a fraction on a 0..100 task multiplied by 100, in
 * decimal arithmetic on the digits the card wrote. A value above 1 is a percentage; one of at
 * most 1 on a 0..100 task is a fraction when the metric's name says so (accuracy, f1, ...), else
 * the user says how the card writes it ({@code --scale}). A value that would not land inside the
 * range is left as written, so that the range finding quotes the card.
 */
public final class CardValueScale {
    /** How the card writes its values, when the user says so. */
    public enum WrittenAs { FRACTION, PERCENT }

    /** What happens to one value. */
    public sealed interface Outcome {
        /** As written: no range, or already on it. */
        record Kept(String value) implements Outcome {}

        /** Put on the task's range; {@code why} is shown to the user. */
        record Rescaled(String value, String why) implements Outcome {}

        /** Could be a fraction or a percentage: the user must say which. */
        record Ambiguous(String reason) implements Outcome {}
    }

    /** Metric names that are fractions of 1 when their value is at most 1 (Inspect's and lm-eval's). */
    private static final Set<String> FRACTIONS = Set.of("accuracy", "acc", "acc_norm", "mean", "f1", "precision",
            "recall", "exact", "exact_match", "em", "match", "includes", "pass_at_1", "pass@1", "success_rate");

    private final WrittenAs flag;

    /** @param flag {@code --scale}, or null to decide by value and metric name */
    public CardValueScale(WrittenAs flag) {
        this.flag = flag;
    }

    /**
     * @param written the value as the card wrote it (a plain decimal)
     * @param metricType the metric's {@code type} (else its name), for the fraction names
     * @param task e.g. {@code cais/hle hle}, for the messages
     */
    public Outcome scale(String written, TaskPolicy policy, String metricType, String task) {
        BigDecimal value = new BigDecimal(written);
        if (!policy.hasRange() || value.signum() == 0) {
            return new Outcome.Kept(written);
        }
        boolean percentTask = policy.max() > 1;
        double v = value.abs().doubleValue();
        WrittenAs as;
        if (flag != null) {
            as = flag;
        } else if (v > 1) {
            as = WrittenAs.PERCENT;
        } else if (!percentTask || FRACTIONS.contains(metricType.toLowerCase(Locale.ROOT))) {
            as = WrittenAs.FRACTION;
        } else {
            return new Outcome.Ambiguous("its value " + written + " could be a fraction or a percentage, and " + task
                    + " is on " + range(policy) + ": say how the card writes it with --scale fraction or --scale percent");
        }
        BigDecimal scaled;
        if (percentTask && as == WrittenAs.FRACTION) {
            scaled = value.movePointRight(2);
        } else if (!percentTask && as == WrittenAs.PERCENT) {
            scaled = value.movePointLeft(2);
        } else {
            return new Outcome.Kept(written);
        }
        double d = scaled.doubleValue();
        if (d < policy.min() || d > policy.max()) {
            return new Outcome.Kept(written);
        }
        String plain = clean(scaled);
        return new Outcome.Rescaled(plain, written + " read as a " + (as == WrittenAs.FRACTION ? "fraction" : "percentage")
                + ", written as " + plain + " (" + task + " is on " + range(policy) + ")");
    }

    private static String range(TaskPolicy p) {
        return plain(p.min()) + ".." + plain(p.max());
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String clean(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
