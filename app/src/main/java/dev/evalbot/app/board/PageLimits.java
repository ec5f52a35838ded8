package dev.evalbot.app.board;

/**
 * Bounds on what one page renders, so that a board of a hundred thousand models is not a
 * hundred-megabyte page. The JSON API is not limited.
 *
 * @param maxRowsPerTask rows rendered per task table; the page says when more exist
 * @param maxOthersPerRow other reports listed under one row's "more reports"
 */
public record PageLimits(int maxRowsPerTask, int maxOthersPerRow) {
    public static final PageLimits DEFAULT = new PageLimits(1000, 50);

    public PageLimits {
        if (maxRowsPerTask < 1 || maxOthersPerRow < 0) {
            throw new IllegalArgumentException("page limits must be positive");
        }
    }
}
