package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.inbox.AcceptResult;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.NewDelivery;
import dev.evalbot.app.server.RequestBodies;
import dev.evalbot.app.server.WebhookOutcomes;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/hub}: checks the shared secret ({@code X-Webhook-Secret}, or the
 * {@code secret} query parameter the Hub also allows), decides whether evalbot acts on the event,
 * and commits it to the inbox before answering. The Hub sends no delivery id: the inbox dedupes
 * on the SHA-256 of the body, so a replayed delivery is answered 200 and stored once.
 */
final class HubWebhookRoute implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(HubWebhookRoute.class);

    private final byte[] secretDigest;
    private final Inbox inbox;
    private final int maxBodyBytes;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();

    /** @throws IllegalStateException when {@code HF_WEBHOOK_SECRET} is not set: unauthenticated webhooks are never accepted */
    public HubWebhookRoute(HubSettings settings, Inbox inbox, int maxBodyBytes, Clock clock, MeterRegistry meters) {
        if (settings.webhookSecret() == null || settings.webhookSecret().isBlank()) {
            throw new IllegalStateException("HF_WEBHOOK_SECRET is not set: evalbot never accepts unauthenticated webhooks");
        }
        this.secretDigest = sha256(settings.webhookSecret().getBytes(StandardCharsets.UTF_8));
        this.inbox = inbox;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        // The secret first: an unauthenticated caller makes the server buffer nothing.
        if (!authentic(ctx.header("X-Webhook-Secret")) && !authentic(ctx.queryParam("secret"))) {
            reply(ctx, HttpStatus.UNAUTHORIZED, "missing or wrong X-Webhook-Secret", "bad_secret");
            return;
        }
        var read = RequestBodies.read(ctx, maxBodyBytes);
        if (read.isEmpty()) {
            reply(ctx, HttpStatus.CONTENT_TOO_LARGE, "body over " + maxBodyBytes + " bytes", "too_large");
            return;
        }
        byte[] body = read.get();
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            reply(ctx, HttpStatus.BAD_REQUEST, "body is not JSON", "bad_request");
            return;
        }
        if (root == null || !root.isObject()) {
            reply(ctx, HttpStatus.BAD_REQUEST, "body is not a JSON object", "bad_request");
            return;
        }
        HubEvent e = HubEvent.parse(root);
        List<PullRequestEvent> work = HubEvents.read(e);
        if (work.isEmpty()) {
            reply(ctx, HttpStatus.ACCEPTED, "event not used by evalbot: dropped", "dropped");
            return;
        }
        Instant now = clock.instant();
        List<NewDelivery> deliveries = new ArrayList<>();
        try {
            for (PullRequestEvent w : work) {
                deliveries.add(delivery(e, w, work.size(), body, now));
            }
        } catch (IllegalArgumentException malformed) {
            // No real event looks like this: refuse it clearly rather than fail in the store.
            reply(ctx, HttpStatus.BAD_REQUEST, "malformed event: " + malformed.getMessage(), "bad_request");
            return;
        }
        boolean accepted = false;
        for (NewDelivery d : deliveries) {
            // Throws StoreUnavailableException when the store cannot commit: the server answers 503.
            AcceptResult result = inbox.accept(d);
            accepted |= !(result instanceof AcceptResult.Duplicate);
        }
        if (accepted) {
            LOG.debug("accepted hub {}.{} for {}", e.scope(), e.action(), e.repo());
            reply(ctx, HttpStatus.ACCEPTED, "accepted", "accepted");
        } else {
            reply(ctx, HttpStatus.OK, "duplicate delivery: already accepted", "duplicate");
        }
    }

    /** One delivery per pull request; when one body names several, each gets its own key. */
    private static NewDelivery delivery(HubEvent e, PullRequestEvent w, int units, byte[] body, Instant now) {
        String key = NewDelivery.hubKey(body) + (units == 1 ? "" : "#" + w.pr().number());
        return NewDelivery.of(key, e.scope(), e.action(), w, body, now);
    }

    /** Constant time: both sides are hashed first, so neither the content nor the length leaks. */
    private boolean authentic(String given) {
        return given != null && MessageDigest.isEqual(secretDigest, sha256(given.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private void reply(Context ctx, HttpStatus status, String message, String outcome) {
        WebhookOutcomes.counter(meters, "hub", outcome).increment();
        ctx.status(status).contentType("application/json")
                .result("{\"status\":" + status.getCode() + ",\"message\":\"" + message + "\"}");
    }
}
