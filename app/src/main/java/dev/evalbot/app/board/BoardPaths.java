package dev.evalbot.app.board;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URLs of the leaderboards, built in one place so that pages and server agree. */
public final class BoardPaths {
    public static final String INDEX = "/leaderboards";
    public static final String API_INDEX = "/api/leaderboards";

    private BoardPaths() {}

    /** {@code /leaderboards/{owner}/{name}}, each segment percent-encoded. */
    public static String page(String benchmarkId) {
        return INDEX + "/" + segments(benchmarkId);
    }

    /** {@code /api/leaderboards/{owner}/{name}}. */
    public static String api(String benchmarkId) {
        return API_INDEX + "/" + segments(benchmarkId);
    }

    private static String segments(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }
}
