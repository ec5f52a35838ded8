package dev.evalbot.app.board;

import dev.evalbot.rules.board.RowCursor;
import java.util.Locale;

/**
 * What one request asks of a board: which task (all when null), where to start (after a cursor),
 * how many rows, and which model names ({@code q}, a case-insensitive substring). Ranks are always
 * the board's own, whatever the page or the search.
 *
 * @param limit rows per task on this page, 1 to {@link PageLimits#maxLimit()}
 */
public record BoardQuery(String task, RowCursor cursor, int limit, String search) {
    /** The longest search the server answers. */
    public static final int MAX_SEARCH_CHARS = 200;

    public BoardQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        search = search == null || search.isBlank() ? null : search.strip().toLowerCase(Locale.ROOT);
    }

    /** The first page of every task. */
    public static BoardQuery first(int limit) {
        return new BoardQuery(null, null, limit, null);
    }

    /** The page anyone gets without parameters: its rendering is cached per board. */
    public boolean isFirstPage() {
        return task == null && cursor == null && search == null;
    }

    /** Case-insensitive substring, compared in place: a search reads every model name of a task. */
    public boolean matches(String modelRepo) {
        if (search == null) {
            return true;
        }
        int n = search.length();
        for (int i = 0, last = modelRepo.length() - n; i <= last; i++) {
            if (modelRepo.regionMatches(true, i, search, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** A query parameter the server refuses, with what was expected. */
    public static final class BadQuery extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadQuery(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code ?task=&cursor=&limit=&q=} (each may be null).
     *
     * @throws BadQuery naming the parameter and what it must be
     */
    public static BoardQuery parse(String task, String cursor, String limit, String q, PageLimits limits) {
        int n = limits.maxRowsPerTask();
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new BadQuery("limit must be a whole number from 1 to " + limits.maxLimit() + ", got '"
                        + Clip.of(limit) + "'");
            }
            if (n < 1 || n > limits.maxLimit()) {
                throw new BadQuery("limit must be from 1 to " + limits.maxLimit() + ", got " + n);
            }
        }
        if (q != null && q.length() > MAX_SEARCH_CHARS) {
            throw new BadQuery("q (the model name searched) is at most " + MAX_SEARCH_CHARS + " characters, got "
                    + q.length());
        }
        RowCursor at = cursor == null || cursor.isBlank() ? null : Cursors.decode(cursor.strip());
        return new BoardQuery(task == null || task.isBlank() ? null : task, at, n, q);
    }

    /** Short, printable echoes of what a client sent. */
    private static final class Clip {
        static String of(String s) {
            String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            return t.replaceAll("\\p{Cntrl}", "?");
        }
    }
}
