package dev.evalbot.app.registry;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Time for the cache that moves only when a test says so. */
final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1);

    @Override
    public long read() {
        return nanos.get();
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }
}
