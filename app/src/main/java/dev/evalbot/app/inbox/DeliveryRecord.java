package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import java.time.Instant;

/** A stored delivery as an operator sees it (no payload). */
public record DeliveryRecord(String key, PlatformId platform, String event, String action, String subject,
        String headSha, DeliveryKind kind, DeliveryState state, int attempts, String lastError, Instant receivedAt,
        Instant updatedAt) {}
