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
                DeliveryKind.REVIEW, body(key), RECEIVED);
    }

    static NewDelivery command(String key, String subject) {
        return new NewDelivery(PlatformId.GITHUB, key, "issue_comment", "created", subject, null,
                DeliveryKind.COMMAND, body(key), RECEIVED);
    }

    static NewDelivery hub(String body, String subject) {
        return NewDelivery.hub("discussion", "update", subject, null, DeliveryKind.OTHER,
                body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    static byte[] body(String key) {
        return ("{\"delivery\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
