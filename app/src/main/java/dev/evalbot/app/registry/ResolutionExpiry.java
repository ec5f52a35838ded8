package dev.evalbot.app.registry;

import com.github.benmanes.caffeine.cache.Expiry;

/** How long each kind of {@link Resolution} stays cached. */
final class ResolutionExpiry implements Expiry<CacheKey, Resolution> {
    private final CacheSettings settings;

    ResolutionExpiry(CacheSettings settings) {
        this.settings = settings;
    }

    @Override
    public long expireAfterCreate(CacheKey key, Resolution value, long currentTime) {
        if (value instanceof Resolution.Resolved r) {
            // Content at a full sha cannot change: only the size bound evicts it.
            return r.immutable() ? Long.MAX_VALUE : settings.ttl().toNanos();
        }
        if (value instanceof Resolution.Failed) {
            return settings.failureTtl().toNanos();
        }
        return settings.notFoundTtl().toNanos();
    }

    @Override
    public long expireAfterUpdate(CacheKey key, Resolution value, long currentTime, long currentDuration) {
        return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(CacheKey key, Resolution value, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
