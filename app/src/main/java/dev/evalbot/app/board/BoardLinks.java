package dev.evalbot.app.board;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The links between a board's pages: one task, from a cursor, keeping the search and the page size. */
final class BoardLinks {
    private BoardLinks() {}

    /** @param cursor where the page starts, or null for the first page */
    static String page(String benchmarkId, String taskId, String cursor, BoardQuery query) {
        return BoardPaths.page(benchmarkId) + query(taskId, cursor, query, PageLimits.DEFAULT.maxRowsPerTask());
    }

    static String api(String benchmarkId, String taskId, String cursor, BoardQuery query, int defaultLimit) {
        return BoardPaths.api(benchmarkId) + query(taskId, cursor, query, defaultLimit);
    }

    private static String query(String taskId, String cursor, BoardQuery query, int defaultLimit) {
        StringBuilder q = new StringBuilder("?task=").append(enc(taskId));
        if (cursor != null) {
            q.append("&cursor=").append(cursor);
        }
        if (query.limit() != defaultLimit) {
            q.append("&limit=").append(query.limit());
        }
        if (query.search() != null) {
            q.append("&q=").append(enc(query.search()));
        }
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
