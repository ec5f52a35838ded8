package dev.evalbot.app.platform.github;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads GitHub's own advice on when to retry: Retry-After, or X-RateLimit-Remaining 0 until Reset. */
final class RetryAdvice {
    private RetryAdvice() {}

    static Instant notBefore(Map<String, List<String>> headers, Clock clock) {
        if (headers == null) {
            return null;
        }
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                h.put(k, v);
            }
        });
        String retryAfter = first(h, "Retry-After");
        if (retryAfter != null) {
            try {
                return clock.instant().plusSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException e) {
                try {
                    return java.time.ZonedDateTime.parse(retryAfter.trim(),
                            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                } catch (java.time.format.DateTimeParseException ignored) {
                    // fall through to the rate-limit headers
                }
            }
        }
        if ("0".equals(first(h, "X-RateLimit-Remaining"))) {
            String reset = first(h, "X-RateLimit-Reset");
            if (reset != null) {
                try {
                    return Instant.ofEpochSecond(Long.parseLong(reset.trim()));
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> h, String name) {
        List<String> values = h.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
