package dev.evalbot.app.platform.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.inbox.AcceptResult;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.NewDelivery;
import dev.evalbot.app.server.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /webhooks/forge}, modelled on the Hub's intake: the shared secret
 * ({@code X-Forge-Secret}) first, the body under the server's cap, the payload read once into a
 * neutral event and committed to the inbox before answering: 202 accepted, 200 duplicate (Forge
 * sends no delivery id, so the key is the body's digest), 401, 400, 413.
 */
final class ForgeWebhookRoute implements Handler {
    static final String SECRET_HEADER = "X-Forge-Secret";

    private final byte[] secretDigest;
    private final Inbox inbox;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    ForgeWebhookRoute(String secret, Inbox inbox, int maxBodyBytes, Clock clock) {
        this.secretDigest = sha256(secret.getBytes(StandardCharsets.UTF_8));
        this.inbox = inbox;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secretDigest, sha256(given.getBytes(StandardCharsets.UTF_8)))) {
            reply(ctx, HttpStatus.UNAUTHORIZED, "missing or wrong " + SECRET_HEADER);
            return;
        }
        Optional<byte[]> read = RequestBodies.read(ctx, maxBodyBytes);
        if (read.isEmpty()) {
            reply(ctx, HttpStatus.CONTENT_TOO_LARGE, "body over " + maxBodyBytes + " bytes");
            return;
        }
        byte[] body = read.get();
        Optional<PullRequestEvent> event;
        NewDelivery delivery;
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                reply(ctx, HttpStatus.BAD_REQUEST, "body is not a JSON object");
                return;
            }
            event = ForgeEvents.read(root);
            if (event.isEmpty()) {
                reply(ctx, HttpStatus.ACCEPTED, "event not used by evalbot: dropped");
                return;
            }
            delivery = NewDelivery.of(NewDelivery.hubKey(body), "forge", root.path("kind").asText(), event.get(),
                    body, clock.instant());
        } catch (IOException | IllegalArgumentException malformed) {
            reply(ctx, HttpStatus.BAD_REQUEST, "malformed event");
            return;
        }
        AcceptResult result = inbox.accept(delivery);
        if (result instanceof AcceptResult.Duplicate) {
            reply(ctx, HttpStatus.OK, "duplicate delivery: already accepted");
        } else {
            reply(ctx, HttpStatus.ACCEPTED, "accepted");
        }
    }

    private static void reply(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType("application/json")
                .result("{\"status\":" + status.getCode() + ",\"message\":\"" + message + "\"}");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
