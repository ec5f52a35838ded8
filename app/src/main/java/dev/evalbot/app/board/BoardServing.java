package dev.evalbot.app.board;

import java.time.Duration;
import java.util.Map;

/**
 * How the leaderboards are served, from the environment; parsed once at start. A malformed value is
 * a one-line error naming the variable.
 *
 * @param debounce {@code EVALBOT_BOARD_DEBOUNCE_SECONDS}: how long a leaderboard waits for more changes (30 s)
 * @param cacheReports {@code EVALBOT_BOARD_CACHE_REPORTS}: reports the cached leaderboards hold together
 *     ({@value BoardService#DEFAULT_CACHE_REPORTS})
 * @param hubApiCacheEntries {@value HubApiRoutes#CACHE_ENTRIES_VARIABLE}: rendered Hub API answers kept
 *     ({@value HubApiRoutes#DEFAULT_CACHE_ENTRIES})
 * @param publicUrl {@code EVALBOT_PUBLIC_URL} as set, or null: the badges' links
 */
public record BoardServing(Duration debounce, long cacheReports, int hubApiCacheEntries, String publicUrl) {

    public static BoardServing fromEnvironment(Map<String, String> env) {
        return new BoardServing(debounce(env), cacheReports(env), hubApiCacheEntries(env), env.get("EVALBOT_PUBLIC_URL"));
    }

    private static Duration debounce(Map<String, String> env) {
        String value = env.getOrDefault("EVALBOT_BOARD_DEBOUNCE_SECONDS", "30");
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EVALBOT_BOARD_DEBOUNCE_SECONDS must be a number of seconds, got " + value);
        }
    }

    private static long cacheReports(Map<String, String> env) {
        String value = env.getOrDefault("EVALBOT_BOARD_CACHE_REPORTS", String.valueOf(BoardService.DEFAULT_CACHE_REPORTS));
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("EVALBOT_BOARD_CACHE_REPORTS must be a whole number of reports, at least 1, got "
                + value);
    }

    private static int hubApiCacheEntries(Map<String, String> env) {
        String value = env.get(HubApiRoutes.CACHE_ENTRIES_VARIABLE);
        if (value == null || value.isBlank()) {
            return HubApiRoutes.DEFAULT_CACHE_ENTRIES;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(HubApiRoutes.CACHE_ENTRIES_VARIABLE + " must be a whole number of at least 1, got '"
                + value + "'");
    }
}
