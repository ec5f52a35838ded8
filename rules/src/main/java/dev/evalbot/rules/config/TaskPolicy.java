package dev.evalbot.rules.config;

/**
 * What evalbot's configuration adds to a task beyond its {@code eval.yaml}. Null means "not set".
 *
 * @param min lowest possible value, inclusive
 * @param max highest possible value, inclusive
 * @param samples number of scored samples, for the granularity check
 * @param lowerIsBetter overrides the benchmark's own declaration
 * @param tolerance largest difference from an already known value before a warning
 */
public record TaskPolicy(Double min, Double max, Integer samples, Boolean lowerIsBetter, Double tolerance) {
    public static final TaskPolicy NONE = new TaskPolicy(null, null, null, null, null);

    public boolean hasRange() {
        return min != null && max != null;
    }
}
