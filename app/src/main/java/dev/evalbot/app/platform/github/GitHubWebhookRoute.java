package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.inbox.AcceptResult;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.NewDelivery;
import dev.evalbot.app.server.DirectRoute;
import dev.evalbot.app.server.Replies;
import dev.evalbot.app.server.RequestBodies;
import dev.evalbot.app.server.WebhookOutcomes;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/github}: verifies the signature over the raw body, decides whether
 * evalbot acts on the event, and commits it to the inbox before answering. Nothing is done
 * here beyond that: the work runs after the reply.
 */
final class GitHubWebhookRoute implements DirectRoute {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookRoute.class);

    private final WebhookSignature signature;
    private final Inbox inbox;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final boolean requireInstallation;
    private final Arrivals arrivals;

    /** Told of each review delivery accepted, so that the budget counts it while it waits in the inbox. */
    @FunctionalInterface
    public interface Arrivals {
        Arrivals NONE = (repo, number, headSha, installationId) -> {};

        void review(String repo, int number, String headSha, Long installationId);
    }

    /**
     * @param requireInstallation evalbot runs as a GitHub App: every delivery must name the
     *     installation whose token answers it. A repository or organisation webhook's payload has
     *     none, and no review of it could ever be written: it is refused here, saying why, instead
     *     of being accepted and dead-lettered after its retries
     */
    public GitHubWebhookRoute(WebhookSignature signature, Inbox inbox, int maxBodyBytes, Clock clock,
            MeterRegistry meters, boolean requireInstallation) {
        this(signature, inbox, maxBodyBytes, clock, meters, requireInstallation, Arrivals.NONE);
    }

    /** @param arrivals told of each review delivery accepted */
    public GitHubWebhookRoute(WebhookSignature signature, Inbox inbox, int maxBodyBytes, Clock clock,
            MeterRegistry meters, boolean requireInstallation, Arrivals arrivals) {
        this.arrivals = arrivals;
        this.requireInstallation = requireInstallation;
        this.signature = signature;
        this.inbox = inbox;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void handle(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Optional<byte[]> read = RequestBodies.read(req, maxBodyBytes);
        if (read.isEmpty()) {
            reply(res, HttpStatus.CONTENT_TOO_LARGE, "body over " + maxBodyBytes + " bytes", "too_large");
            return;
        }
        byte[] body = read.get();
        if (!signature.verify(body, req.getHeader("X-Hub-Signature-256"))) {
            reply(res, HttpStatus.UNAUTHORIZED, "missing or wrong X-Hub-Signature-256", "bad_signature");
            return;
        }
        String event = req.getHeader("X-GitHub-Event");
        String delivery = req.getHeader("X-GitHub-Delivery");
        if (event == null || delivery == null || delivery.isBlank() || delivery.length() > NewDelivery.MAX_KEY_LENGTH) {
            reply(res, HttpStatus.BAD_REQUEST, "X-GitHub-Event and X-GitHub-Delivery are required", "bad_request");
            return;
        }
        if (event.equals("ping")) {
            reply(res, HttpStatus.OK, "pong", "ping");
            return;
        }
        // An event evalbot never acts on (star, push, ...) is only checked to be a JSON object: no
        // field of it is read, and nothing touches the store.
        boolean used = GitHubEvents.ACTED_ON.contains(event);
        JsonNode root;
        try {
            root = used ? PayloadFields.read(json, body) : PayloadFields.check(json, body);
        } catch (IOException e) {
            reply(res, HttpStatus.BAD_REQUEST, "body is not JSON", "bad_request");
            return;
        }
        if (root == null || !root.isObject()) {
            reply(res, HttpStatus.BAD_REQUEST, "body is not a JSON object", "bad_request");
            return;
        }
        if (!used) {
            reply(res, HttpStatus.ACCEPTED, "event not used by evalbot: dropped", "dropped");
            return;
        }
        Optional<PullRequestEvent> meant = GitHubEvents.read(event, root);
        if (meant.isEmpty()) {
            reply(res, HttpStatus.ACCEPTED, "event not used by evalbot: dropped", "dropped");
            return;
        }
        PullRequestEvent what = meant.get();
        if (requireInstallation && what.pr().access() == null) {
            reply(res, HttpStatus.BAD_REQUEST, "no installation in the payload: evalbot runs as a GitHub App "
                    + "(GITHUB_APP_ID) and answers the App's own webhook; this one looks like a repository or "
                    + "organisation webhook (remove it, or run evalbot with GITHUB_TOKEN)", "no_installation");
            return;
        }
        NewDelivery d;
        try {
            d = NewDelivery.of(delivery, event, root.path("action").asText(null), what, body, clock.instant());
        } catch (IllegalArgumentException malformed) {
            // Signed, so from GitHub, but no real event looks like this: refuse it clearly rather
            // than fail in the store (PostgreSQL refuses NUL characters and huge index keys).
            reply(res, HttpStatus.BAD_REQUEST, "malformed event: " + malformed.getMessage(), "bad_request");
            return;
        }
        // Throws StoreUnavailableException when the store cannot commit: the server answers 503 so
        // that GitHub redelivers, instead of acknowledging what it could not keep.
        AcceptResult result = inbox.accept(d);
        if (result instanceof AcceptResult.Duplicate) {
            reply(res, HttpStatus.OK, "duplicate delivery: already accepted", "duplicate");
        } else {
            LOG.debug("accepted {} {}.{} for {}", delivery, event, d.action(), d.subject());
            if (what instanceof PullRequestEvent.ReviewRequested) {
                arrivals.review(what.pr().repo(), what.pr().number(), what.pr().headSha(),
                        GitHubAuth.installation(what.pr()));
            }
            reply(res, HttpStatus.ACCEPTED, "accepted", "accepted");
        }
    }

    private void reply(HttpServletResponse res, HttpStatus status, String message, String outcome) throws IOException {
        // One registry lookup per outcome, not per request: building the meter id and finding it
        // showed in a profile of the intake.
        outcomes.computeIfAbsent(outcome,
                o -> WebhookOutcomes.counter(meters, "github", o)).increment();
        Replies.write(res, status.getCode(), ("{\"status\":" + status.getCode() + ",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
