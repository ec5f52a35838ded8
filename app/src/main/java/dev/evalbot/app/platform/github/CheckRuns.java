package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.review.Review;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@code evalbot} check run of a review: one create with the conclusion and the first
 * 50 annotations, one update per further 50. Check runs need a GitHub App with {@code checks: write};
 * an installation that answers 403 (permission not granted) is remembered for an hour and gets the
 * commit status alone meanwhile, so that a missing permission costs one request an hour, not one
 * a review.
 */
final class CheckRuns {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRuns.class);
    /** Installations that refused a check run; the key is the installation id. */
    private final Cache<Long, Boolean> refused = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(1)).build();
    /** "repo@sha" -> the run a pending mark created, which the review's result then completes (no second run). */
    private final Cache<String, String> open = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(6)).build();
    private final GitHubSettings settings;
    private final GitHubAuth auth;
    private final HttpClient http;
    private final Clock clock;
    private final Counter requests;
    private final ObjectMapper json = new ObjectMapper();
    private final CheckRunPayloads payloads = new CheckRunPayloads(json);

    CheckRuns(GitHubSettings settings, GitHubAuth auth, HttpClient http, MeterRegistry meters, Clock clock) {
        this.requests = Counter.builder("evalbot.github.requests").description("GitHub API requests").register(meters);
        this.settings = settings;
        this.auth = auth;
        this.http = http;
        this.clock = clock;
    }

    /** Whether check runs are worth a request for this pull request: an App whose installation has not refused. */
    boolean enabledFor(PullRequestRef pr) {
        Long installation = GitHubAuth.installation(pr);
        return settings.isApp() && installation != null && refused.getIfPresent(installation) == null;
    }

    /**
     * Creates the run (or completes the one a pending mark opened) and sends the rest of its
     * annotations. A failure that a retry may cure (5xx, 429, a rate limit) goes up, and the review
     * is retried; one that it cannot (a 422) is logged, and the caller writes the status instead.
     *
     * @return whether the run carries the review's verdict (else the caller sets the commit status)
     */
    boolean publish(PullRequestRef pr, String sha, Review review, String detailsUrl) {
        List<List<ObjectNode>> batches = CheckRunPayloads.batches(payloads.annotations(review));
        try {
            String id = write(pr, sha, payloads.create(sha, review, batches.get(0), detailsUrl));
            if (id == null) {
                return false;
            }
            String runs = runsUrl(pr);
            for (List<ObjectNode> batch : batches.subList(1, batches.size())) {
                HttpResponse<String> updated = send(pr, "PATCH", runs + "/" + id, payloads.update(review, batch));
                GitHubPlatform.checkStatus(updated.statusCode(), updated.headers().map(), "PATCH check-runs", clock);
            }
            return true;
        } catch (PlatformException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("check run on {} at {} not written: {}; the review goes on with its status", pr.repo(), sha,
                    e.getMessage());
            return false;
        }
    }

    /**
     * The run as a plain mark: pending (queued, or in progress: kept open, and the review's result
     * completes it), or a final state with a one-line title (no results to review).
     *
     * @return whether the run was written (else the caller sets the commit status)
     */
    boolean mark(PullRequestRef pr, String sha, dev.evalbot.app.review.CommitState state, String description) {
        try {
            return write(pr, sha, payloads.mark(sha, pr.repo() + "#" + pr.number(), state, description)) != null;
        } catch (PlatformException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.warn("check run on {} at {} not written: {}; the commit status instead", pr.repo(), sha,
                    e.getMessage());
            return false;
        }
    }

    /**
     * A queued run saying how long the review waits for GitHub's budget, sent on the share of the
     * budget kept for notices; the review's result completes it.
     *
     * @return whether it was written
     */
    boolean notice(PullRequestRef pr, String sha, String text, PacedHttpClient paced) {
        String key = pr.repo() + "@" + sha;
        if (open.getIfPresent(key) != null) {
            return true;
        }
        Long installation = GitHubAuth.installation(pr);
        HttpRequest request = HttpRequest.newBuilder(URI.create(runsUrl(pr))).timeout(Duration.ofSeconds(20))
                .header("Authorization", auth.authorization(installation))
                .header("Accept", "application/vnd.github+json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payloads.mark(sha, pr.repo() + "#" + pr.number(),
                        dev.evalbot.app.review.CommitState.PENDING, text).toString())).build();
        try {
            requests.increment();
            HttpResponse<String> answer = paced.sendNotice(request).orElse(null);
            if (answer == null || refusedHere(pr, answer) || answer.statusCode() / 100 != 2) {
                return false;
            }
            open.put(key, idOf(answer));
            return true;
        } catch (IOException | PlatformException e) {
            LOG.debug("the queued notice on {} at {} was not written", pr.repo(), sha, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * One write: a PATCH of the run a pending mark left open for this head, else a POST.
     *
     * @return the run's id, or null when the installation refused check runs
     */
    private String write(PullRequestRef pr, String sha, ObjectNode body) {
        String key = pr.repo() + "@" + sha;
        String openId = open.getIfPresent(key);
        HttpResponse<String> answer = openId == null ? send(pr, "POST", runsUrl(pr), body)
                : send(pr, "PATCH", runsUrl(pr) + "/" + openId, body.without(List.of("head_sha")));
        if (refusedHere(pr, answer)) {
            return null;
        }
        GitHubPlatform.checkStatus(answer.statusCode(), answer.headers().map(),
                (openId == null ? "POST" : "PATCH") + " check-runs", clock);
        String id = openId == null ? idOf(answer) : openId;
        if ("completed".equals(body.path("status").asText())) {
            open.invalidate(key);
        } else {
            open.put(key, id);
        }
        return id;
    }

    private String runsUrl(PullRequestRef pr) {
        return settings.apiUrl() + "/repos/" + pr.repo() + "/check-runs";
    }

    /**
     * A 403 that is not a rate limit means the App lacks {@code checks: write} on this installation:
     * remember it and carry on with the status alone.
     */
    private boolean refusedHere(PullRequestRef pr, HttpResponse<String> response) {
        if (response.statusCode() != 403 || RetryAdvice.notBefore(response.headers().map(), clock) != null) {
            return false;
        }
        Long installation = GitHubAuth.installation(pr);
        refused.put(installation, Boolean.TRUE);
        LOG.warn("GitHub refused a check run on {} (HTTP 403): the App needs the 'checks: write' permission; "
                + "installation {} gets the commit status alone for the next hour", pr.repo(), installation);
        return true;
    }

    private String idOf(HttpResponse<String> created) {
        try {
            JsonNode id = json.readTree(created.body()).path("id");
            if (!id.canConvertToLong()) {
                throw new PlatformException("GitHub created a check run without an id", created.statusCode(), true, null,
                        null);
            }
            return Long.toString(id.asLong());
        } catch (IOException e) {
            throw new PlatformException("GitHub sent an unreadable check run", created.statusCode(), true, null, e);
        }
    }

    private HttpResponse<String> send(PullRequestRef pr, String method, String url, ObjectNode body) {
        Long installation = GitHubAuth.installation(pr);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", auth.authorization(installation))
                .header("Accept", "application/vnd.github+json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        requests.increment();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw PlatformException.unreachable("GitHub", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", 0, true, null, e);
        }
    }
}
