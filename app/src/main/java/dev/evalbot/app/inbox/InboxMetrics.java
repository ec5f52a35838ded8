package dev.evalbot.app.inbox;

import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.event.PlatformId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbox's counters, one per platform so a misbehaving sender shows up on its own. The known
 * platforms' counters exist from the start (at 0); a delivery of another platform, read back from
 * the store, gets its own on first use.
 */
final class InboxMetrics {
    private final Kind accepted;
    private final Kind duplicate;
    private final Kind coalesced;
    private final Kind completed;
    private final Kind superseded;
    private final Kind retried;
    private final Kind deadLettered;

    InboxMetrics(MeterRegistry registry, KnownPlatforms platforms) {
        accepted = new Kind(registry, "evalbot.deliveries.accepted", "deliveries stored by the inbox");
        duplicate = new Kind(registry, "evalbot.deliveries.duplicate", "deliveries seen before");
        coalesced = new Kind(registry, "evalbot.deliveries.coalesced",
                "reviews stored as settled by a queued review of the same head");
        completed = new Kind(registry, "evalbot.deliveries.completed", "deliveries handled");
        superseded = new Kind(registry, "evalbot.deliveries.superseded", "queued reviews replaced by a newer head");
        retried = new Kind(registry, "evalbot.deliveries.retried", "failed attempts rescheduled");
        deadLettered = new Kind(registry, "evalbot.deliveries.dead_lettered", "deliveries given up on");
        for (PlatformId p : platforms.ids()) {
            for (Kind k : new Kind[] {accepted, duplicate, coalesced, completed, superseded, retried, deadLettered}) {
                k.of(p);
            }
        }
    }

    /** One counter name, its counter per platform. */
    private static final class Kind {
        private final MeterRegistry registry;
        private final String name;
        private final String description;
        private final Map<PlatformId, Counter> byPlatform = new ConcurrentHashMap<>();

        Kind(MeterRegistry registry, String name, String description) {
            this.registry = registry;
            this.name = name;
            this.description = description;
        }

        Counter of(PlatformId p) {
            return byPlatform.computeIfAbsent(p, x -> Counter.builder(name).description(description)
                    .tag("platform", x.code()).register(registry));
        }
    }

    void accepted(PlatformId p) {
        accepted.of(p).increment();
    }

    void duplicate(PlatformId p) {
        duplicate.of(p).increment();
    }

    void coalesced(PlatformId p) {
        coalesced.of(p).increment();
    }

    void completed(PlatformId p) {
        completed.of(p).increment();
    }

    void superseded(PlatformId p, int n) {
        superseded.of(p).increment(n);
    }

    void retried(PlatformId p) {
        retried.of(p).increment();
    }

    void deadLettered(PlatformId p) {
        deadLettered.of(p).increment();
    }
}
