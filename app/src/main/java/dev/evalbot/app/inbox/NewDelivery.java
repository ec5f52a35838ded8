package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A webhook delivery as the server received it, before it is stored.
 *
 * @param key unique per delivery: GitHub's {@code X-GitHub-Delivery}; for the Hub, which has no
 *     delivery id, {@link #hubKey} of the body
 * @param event GitHub's {@code X-GitHub-Event}, or the Hub's {@code event.scope}
 * @param action the payload's action, or null
 * @param subject what must be processed in order, e.g. {@code github:owner/repo#12}
 *     ({@link dev.evalbot.app.store.PullRef#subject()})
 * @param headSha the pull request head this delivery is about, or null
 * @param payload the raw body (not copied: do not change it afterwards)
 * @param pullRequestEvent what the payload means, read once by the platform's intake and stored with
 *     the delivery; null only for a delivery whose payload is read again when it runs
 */
public record NewDelivery(PlatformId platform, String key, String event, String action, String subject,
        String headSha, DeliveryKind kind, byte[] payload, Instant receivedAt, PullRequestEvent pullRequestEvent) {
    public static final int MAX_KEY_LENGTH = 200;
    /**
     * Longest event, action, subject or head sha the store keeps: far above any real one (a GitHub
     * {@code owner/name} has at most 140 characters, a sha 64), and far below what PostgreSQL can
     * index (2,704 bytes per index row, so at most 4 bytes a character still fits).
     */
    public static final int MAX_FIELD_LENGTH = 512;

    /**
     * @throws IllegalArgumentException when a field cannot be stored: a blank or overlong key, a
     *     text field over {@link #MAX_FIELD_LENGTH} characters or holding a NUL character (which a
     *     PostgreSQL text column refuses). A webhook route answers 400 for such a delivery.
     */
    public NewDelivery {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("delivery key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        storable("delivery key", key);
        storable("event", event);
        storable("action", action);
        storable("subject", subject);
        storable("head sha", headSha);
    }

    private static void storable(String what, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " holds a NUL character");
        }
    }

    /**
     * The delivery of a platform's event: its subject, head and kind are the event's.
     *
     * @param event the platform's name of the event ({@code X-GitHub-Event}, the Hub's scope), for the journal
     * @param action the payload's own action, for the journal, or null
     */
    public static NewDelivery of(String key, String event, String action, PullRequestEvent what, byte[] payload,
            Instant receivedAt) {
        return new NewDelivery(what.pr().platform(), key, event, action, what.pr().subject(), what.pr().headSha(),
                DeliveryKind.of(what), payload, receivedAt, what);
    }

    /** Hex SHA-256 of the body: the Hub sends no delivery id, and a resent body is byte-identical. */
    public static String hubKey(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "NewDelivery[" + platform.code() + " " + key + " " + event + (action == null ? "" : "." + action)
                + " " + subject + " head=" + headSha + " kind=" + kind.code() + " " + payload.length + " bytes]";
    }

    /** For tests and tools: the payload as UTF-8 text. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
