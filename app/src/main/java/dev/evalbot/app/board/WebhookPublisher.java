package dev.evalbot.app.board;

import dev.evalbot.rules.board.Leaderboard;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs a refreshed leaderboard's JSON to the {@code publish.webhook} of its benchmark, for
 * dashboards and Spaces: no platform is involved, so it is kept in every live deployment.
 */
public final class WebhookPublisher implements BoardPublisher {
    public static final String SIGNATURE_HEADER = "X-Evalbot-Signature-256";

    private final PublishTargets targets;
    private final PublishHttp http;
    private final String secret;

    /** @param secret {@code EVALBOT_PUBLISH_SECRET}, or null: the POST is then not signed */
    public WebhookPublisher(PublishTargets targets, PublishHttp http, String secret) {
        this.targets = targets;
        this.http = http;
        this.secret = secret;
    }

    @Override
    public void publish(Leaderboard board, String json) {
        targets.of(board.benchmarkId()).map(PublishTargets.Target::webhook).ifPresent(url -> post(url, json));
    }

    private void post(URI url, String body) {
        HttpRequest.Builder request = http.request(url).header("Content-Type", "application/json");
        if (secret != null) {
            request.header(SIGNATURE_HEADER, sign(body));
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw PublishHttp.failure("POST " + url.getHost(), response);
        }
    }

    /** {@code sha256=} + hex HMAC-SHA256 of the body, as GitHub signs its webhooks. */
    String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
