package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Short ways to make deliveries in tests. */
final class Deliveries {
    static final Instant RECEIVED = Instant.parse("2026-03-01T11:59:00Z");

    private Deliveries() {}

    static NewDelivery review(String key, String subject, String headSha) {
        return new NewDelivery(PlatformId.GITHUB, key, "pull_request", "synchronize", subject, headSha,
                DeliveryKind.REVIEW, body(key), RECEIVED, null);
    }

    static NewDelivery command(String key, String subject) {
        return new NewDelivery(PlatformId.GITHUB, key, "issue_comment", "created", subject, null,
                DeliveryKind.COMMAND, body(key), RECEIVED, null);
    }

    static NewDelivery hub(String body, String subject) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        return new NewDelivery(PlatformId.HUB, NewDelivery.hubKey(payload), "discussion", "update", subject, null,
                DeliveryKind.OTHER, payload, RECEIVED, null);
    }

    static byte[] body(String key) {
        return ("{\"delivery\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
