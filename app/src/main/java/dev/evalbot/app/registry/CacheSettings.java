package dev.evalbot.app.registry;

import java.time.Duration;

/**
 * How long Hub answers are kept. A definition read at a full commit sha never changes, so it is
 * kept until evicted by size.
 *
 * @param ttl a definition read at a branch or short revision
 * @param notFoundTtl "no eval.yaml" and "eval.yaml has errors": short, so a fix shows up soon
 * @param failureTtl a Hub failure: keeps an outage from costing every review its retries
 * @param maxEntries bound on cached answers
 * @param maxLastGood bound on the last good copies kept for when the Hub is down
 */
public record CacheSettings(Duration ttl, Duration notFoundTtl, Duration failureTtl, int maxEntries, int maxLastGood) {
    public static final CacheSettings DEFAULT = new CacheSettings(Duration.ofMinutes(10), Duration.ofMinutes(1),
            Duration.ofSeconds(30), 1_000, 1_000);

    public CacheSettings {
        if (ttl.isNegative() || notFoundTtl.isNegative() || failureTtl.isNegative() || maxEntries < 1
                || maxLastGood < 1) {
            throw new IllegalArgumentException("cache durations must not be negative and sizes must be positive");
        }
    }
}
