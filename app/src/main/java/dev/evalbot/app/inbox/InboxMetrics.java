package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** The inbox's counters, one per platform so a misbehaving sender shows up on its own. */
final class InboxMetrics {
    private final Map<PlatformId, Counter> accepted = new EnumMap<>(PlatformId.class);
    private final Map<PlatformId, Counter> duplicate = new EnumMap<>(PlatformId.class);
    private final Map<PlatformId, Counter> coalesced = new EnumMap<>(PlatformId.class);
    private final Map<PlatformId, Counter> completed = new EnumMap<>(PlatformId.class);
    private final Map<PlatformId, Counter> superseded = new EnumMap<>(PlatformId.class);
    private final Map<PlatformId, Counter> retried = new EnumMap<>(PlatformId.class);
    private final Map<PlatformId, Counter> deadLettered = new EnumMap<>(PlatformId.class);

    InboxMetrics(MeterRegistry registry) {
        for (PlatformId p : PlatformId.values()) {
            accepted.put(p, counter(registry, "evalbot.deliveries.accepted", "deliveries stored by the inbox", p));
            duplicate.put(p, counter(registry, "evalbot.deliveries.duplicate", "deliveries seen before", p));
            coalesced.put(p, counter(registry, "evalbot.deliveries.coalesced",
                    "reviews stored as settled by a queued review of the same head", p));
            completed.put(p, counter(registry, "evalbot.deliveries.completed", "deliveries handled", p));
            superseded.put(p, counter(registry, "evalbot.deliveries.superseded",
                    "queued reviews replaced by a newer head", p));
            retried.put(p, counter(registry, "evalbot.deliveries.retried", "failed attempts rescheduled", p));
            deadLettered.put(p, counter(registry, "evalbot.deliveries.dead_lettered",
                    "deliveries given up on", p));
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description, PlatformId p) {
        return Counter.builder(name).description(description).tag("platform", p.code()).register(registry);
    }

    void accepted(PlatformId p) {
        accepted.get(p).increment();
    }

    void duplicate(PlatformId p) {
        duplicate.get(p).increment();
    }

    void coalesced(PlatformId p) {
        coalesced.get(p).increment();
    }

    void completed(PlatformId p) {
        completed.get(p).increment();
    }

    void superseded(PlatformId p, int n) {
        superseded.get(p).increment(n);
    }

    void retried(PlatformId p) {
        retried.get(p).increment();
    }

    void deadLettered(PlatformId p) {
        deadLettered.get(p).increment();
    }
}
