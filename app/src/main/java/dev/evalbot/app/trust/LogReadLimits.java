package dev.evalbot.app.trust;

import dev.evalbot.rules.logs.LogLimits;
import java.time.Duration;
import java.util.Map;

/**
 * The bounds of reading a log that a source cites. Each is an environment variable with a default.
 *
 * @param maxBytes {@code EVALBOT_LOG_MAX_BYTES} (32 MiB): the most read of one log when a host
 *     refuses Range requests, or of a JSON log before its results
 * @param tailBytes {@code EVALBOT_LOG_TAIL_BYTES} (16 KiB): the first Range read of an {@code .eval}
 *     log, from its end; it usually holds the zip directory and {@code header.json} (Inspect writes
 *     the header last)
 * @param maxRequests {@code EVALBOT_LOG_MAX_REQUESTS} (8): Range requests for one log
 * @param timeout {@code EVALBOT_LOG_TIMEOUT} (20 s, ISO-8601 or seconds): the whole read of one log
 * @param maxHeaderBytes {@code EVALBOT_LOG_MAX_HEADER_BYTES} (16 MiB): a zip member's uncompressed size
 * @param cacheTtl {@code EVALBOT_LOG_CACHE_TTL} (1 h): how long a read log is reused without asking
 *     again; after that, a conditional request (ETag) that costs no bytes when unchanged. A Hub
 *     {@code resolve/<commit>} URL never changes and is not asked again while cached.
 * @param cacheSize {@code EVALBOT_LOG_CACHE_SIZE} (2000): logs kept
 */
public record LogReadLimits(long maxBytes, int tailBytes, int maxRequests, Duration timeout, long maxHeaderBytes,
        Duration cacheTtl, int cacheSize) {
    public static final LogReadLimits DEFAULT = new LogReadLimits(32L << 20, 16 * 1024, 8, Duration.ofSeconds(20),
            16L << 20, Duration.ofHours(1), 2000);

    public LogReadLimits {
        if (maxBytes < 1 || tailBytes < 22 || maxRequests < 1 || timeout.isNegative() || timeout.isZero()
                || maxHeaderBytes < 1 || cacheTtl.isNegative() || cacheSize < 0) {
            throw new IllegalArgumentException("log read limits must be positive");
        }
    }

    LogLimits archive() {
        return new LogLimits(maxHeaderBytes, Math.min(maxBytes, LogLimits.DEFAULT.maxDirectoryBytes()));
    }

    public static LogReadLimits fromEnvironment(Map<String, String> env) {
        LogReadLimits d = DEFAULT;
        return new LogReadLimits(number(env, "EVALBOT_LOG_MAX_BYTES", d.maxBytes),
                (int) number(env, "EVALBOT_LOG_TAIL_BYTES", d.tailBytes),
                (int) number(env, "EVALBOT_LOG_MAX_REQUESTS", d.maxRequests),
                duration(env, "EVALBOT_LOG_TIMEOUT", d.timeout),
                number(env, "EVALBOT_LOG_MAX_HEADER_BYTES", d.maxHeaderBytes),
                duration(env, "EVALBOT_LOG_CACHE_TTL", d.cacheTtl),
                (int) number(env, "EVALBOT_LOG_CACHE_SIZE", d.cacheSize));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + v);
        }
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            String t = v.trim();
            return t.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(t)) : Duration.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a duration such as PT20S or 20, got " + v);
        }
    }
}
