package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.event.PullHead;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.PlatformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The head of a pull request now: {@code GET /repos/{repo}/pulls/{n}}, conditional on the ETag of
 * the last answer for that pull request. GitHub answers 304 when nothing changed, and a 304 does
 * not count against the rate limit, so asking before every review costs one request and, mostly,
 * no quota. The ETags live in this process only: a restarted replica pays one full answer per
 * pull request.
 */
final class PullHeads {
    private record Known(String etag, PullHead head) {}

    private final GitHubSettings settings;
    private final GitHubAuth auth;
    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Counter requests;
    private final Cache<String, Known> known = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterAccess(Duration.ofDays(1)).build();

    PullHeads(GitHubSettings settings, GitHubAuth auth, HttpClient http, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.auth = auth;
        this.http = http;
        this.clock = clock;
        this.requests = Counter.builder("evalbot.github.requests").description("GitHub API requests").register(meters);
    }

    PullHead current(PullRequestRef pr) {
        String key = pr.repo() + "#" + pr.number();
        Known before = known.getIfPresent(key);
        Long installation = GitHubAuth.installation(pr);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(settings.apiUrl() + "/repos/" + pr.repo() + "/pulls/" + pr.number()))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", auth.authorization(installation))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28");
        if (before != null) {
            request.header("If-None-Match", before.etag());
        }
        HttpResponse<String> response;
        try {
            requests.increment();
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw PlatformException.unreachable("GitHub", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", 0, true, null, e);
        }
        int status = response.statusCode();
        if (status == 304 && before != null) {
            return before.head();
        }
        if (status != 200) {
            var headers = response.headers().map();
            boolean retry = status >= 500 || status == 429
                    || (status == 403 && RetryAdvice.notBefore(headers, clock) != null);
            throw new PlatformException("GET pull request " + pr.subject() + " answered HTTP " + status, status, retry,
                    RetryAdvice.notBefore(headers, clock), null);
        }
        PullHead head = parse(response.body(), pr);
        response.headers().firstValue("ETag").ifPresent(etag -> known.put(key, new Known(etag, head)));
        return head;
    }

    private PullHead parse(String body, PullRequestRef pr) {
        try {
            JsonNode root = json.readTree(body);
            String sha = root.path("head").path("sha").asText(null);
            if (sha == null || sha.isBlank()) {
                throw new PlatformException("GitHub's pull request " + pr.subject() + " has no head sha", 200, true,
                        null, null);
            }
            Set<String> labels = new HashSet<>();
            for (JsonNode label : root.path("labels")) {
                labels.add(label.path("name").asText());
            }
            JsonNode comments = root.path("comments");
            // An answer without the count (an abbreviated object) says nothing: look.
            boolean mayHaveComments = !comments.isNumber() || comments.asInt() > 0;
            return new PullHead(sha, root.path("base").path("sha").asText(pr.baseSha()), labels, mayHaveComments);
        } catch (IOException e) {
            throw new PlatformException("GitHub sent an unreadable pull request", 200, true, null, e);
        }
    }
}
