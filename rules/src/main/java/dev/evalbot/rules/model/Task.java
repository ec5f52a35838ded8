package dev.evalbot.rules.model;

/**
 * One task of a benchmark, i.e. one leaderboard.
 *
 * @param lowerIsBetter true when the benchmark declares its (first) metric lower-is-better
 */
public record Task(String id, String config, String split, boolean lowerIsBetter, int line) {
    public static final String DEFAULT_SPLIT = "test";

    public String effectiveSplit() {
        return split == null ? DEFAULT_SPLIT : split;
    }
}
