package dev.evalbot.app.board;

/**
 * Bounds on what one page renders, so that a board of a hundred thousand models is not a
 * hundred-megabyte page: a page shows {@code maxRowsPerTask} models per task, and links to the
 * next page with a cursor. The JSON API pages the same way, with {@code ?limit=} up to
 * {@link #MAX_LIMIT}.
 *
 * @param maxRowsPerTask rows per task on a page (and the JSON API's default {@code limit})
 * @param maxOthersPerRow other reports listed under one row's "more reports" (the rest are a link
 *     to the model's row in the JSON API): 2 keeps a page of 100 models with 10 variants each
 *     under 200 KB
 */
public record PageLimits(int maxRowsPerTask, int maxOthersPerRow) {
    /** The largest {@code ?limit=} the JSON API and the page accept. */
    public static final int MAX_LIMIT = 1000;
    public static final PageLimits DEFAULT = new PageLimits(100, 2);

    public PageLimits {
        if (maxRowsPerTask < 1 || maxOthersPerRow < 0) {
            throw new IllegalArgumentException("page limits must be positive");
        }
    }

    public int maxLimit() {
        return Math.max(MAX_LIMIT, maxRowsPerTask);
    }
}
