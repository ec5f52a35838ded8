package dev.evalbot.app.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a dataset's {@code eval.yaml} from the Hub: one GET, retried with backoff on transient
 * errors, redirects followed by hand so that the token only ever goes to the configured Hub, and
 * the body capped. Thread-safe; holds no per-request state.
 */
public final class HubClient {
    /** The Hub's {@code X-Error-Code} values that mean "does not exist" even on a 401/403. */
    private static final Set<String> NOT_FOUND_CODES = Set.of("RepoNotFound", "EntryNotFound", "RevisionNotFound");

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> token;
    private final HttpSettings settings;
    private final int maxBytes;

    /**
     * @param http a client that does not follow redirects itself (this class does, more carefully)
     * @param maxBytes largest body accepted: the rules' file size limit
     */
    public HubClient(HttpClient http, RegistrySettings registry, int maxBytes) {
        this.http = http;
        this.endpoint = registry.endpoint();
        this.token = registry.token();
        this.settings = registry.http();
        this.maxBytes = maxBytes;
    }

    /** A client configured for the Hub: connect timeout set, redirects left to {@link HubClient}. */
    public static HttpClient httpClient(HttpSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code {endpoint}/datasets/{id}/resolve/{revision}/eval.yaml}, the revision URL-encoded. */
    public URI evalYamlUri(String datasetId, String revision) {
        if (!DatasetIds.isDatasetId(datasetId)) {
            throw new IllegalArgumentException("not a Hub dataset id: " + datasetId);
        }
        return URI.create(endpoint + "/datasets/" + datasetId + "/resolve/" + DatasetIds.pathSegment(revision)
                + "/eval.yaml");
    }

    public HubFetch fetchEvalYaml(String datasetId, String revision) {
        return fetch(evalYamlUri(datasetId, revision));
    }

    HubFetch fetch(URI uri) {
        FetchRetry retry = settings.retry();
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = attempt(uri);
            if (outcome instanceof Attempt.Done done) {
                return done.fetch();
            }
            Attempt.Transient t = (Attempt.Transient) outcome;
            if (attempt >= retry.attempts()) {
                return new HubFetch.Failed(uri, t.reason() + (attempt > 1 ? " after " + attempt + " attempts" : ""));
            }
            Optional<Duration> delay = retry.delayBefore(attempt, t.retryAfter());
            if (delay.isEmpty()) {
                return new HubFetch.Failed(uri, t.reason() + "; the Hub asks to wait "
                        + t.retryAfter().orElseThrow().toSeconds() + " s");
            }
            try {
                retry.sleeper().sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new HubFetch.Failed(uri, "interrupted while waiting to retry");
            }
        }
    }

    /** One try, redirects included. */
    private sealed interface Attempt {
        record Done(HubFetch fetch) implements Attempt {}

        record Transient(String reason, Optional<Duration> retryAfter) implements Attempt {}
    }

    private Attempt attempt(URI uri) {
        URI current = uri;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .timeout(settings.requestTimeout())
                    .header("Accept", "application/yaml, text/plain, */*")
                    .header("User-Agent", "evalbot-registry")
                    .GET();
            if (token.isPresent() && sameOrigin(current, endpoint)) {
                request.header("Authorization", "Bearer " + token.get());
            }
            HttpResponse<byte[]> response;
            AtomicBoolean tooLarge = new AtomicBoolean();
            CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request.build(),
                    info -> info.statusCode() / 100 == 2 ? new CappedBodySubscriber(maxBytes, tooLarge)
                            : BodySubscribers.replacing(new byte[0]));
            try {
                // One deadline for the whole exchange: the request timeout alone stops at the headers.
                response = pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                return new Attempt.Transient("the Hub did not answer within "
                        + settings.requestTimeout().toSeconds() + " s", Optional.empty());
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                return new Attempt.Done(new HubFetch.Failed(uri, "interrupted"));
            } catch (ExecutionException e) {
                if (tooLarge.get()) {
                    return new Attempt.Done(new HubFetch.TooLarge(uri, maxBytes));
                }
                return failure(uri, e.getCause());
            }
            int status = response.statusCode();
            if (isRedirect(status)) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return new Attempt.Done(new HubFetch.Failed(uri, "HTTP " + status + " without a Location"));
                }
                URI next;
                try {
                    next = current.resolve(location.get());
                } catch (IllegalArgumentException e) {
                    return new Attempt.Done(new HubFetch.Failed(uri, "HTTP " + status + " to an invalid Location"));
                }
                if (!allowedRedirect(current, next)) {
                    return new Attempt.Done(new HubFetch.Failed(uri, "refused a redirect from https to " + next.getScheme()));
                }
                current = next;
                continue;
            }
            return classify(uri, response);
        }
        return new Attempt.Done(new HubFetch.Failed(uri, "more than " + settings.maxRedirects() + " redirects"));
    }

    private Attempt classify(URI uri, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String errorCode = response.headers().firstValue("X-Error-Code").orElse("");
        if (status / 100 == 2) {
            return new Attempt.Done(new HubFetch.Fetched(uri, response.body()));
        }
        if (status == 404 || ((status == 401 || status == 403) && NOT_FOUND_CODES.contains(errorCode))) {
            return new Attempt.Done(new HubFetch.NotFound(uri, "HTTP " + status + (errorCode.isEmpty() ? "" : " " + errorCode)));
        }
        if (status == 401 || status == 403) {
            String what = errorCode.isEmpty() ? "" : " " + errorCode;
            String hint = token.isPresent() ? "check HF_TOKEN" : "the dataset may be gated or private: set HF_TOKEN";
            return new Attempt.Done(new HubFetch.Failed(uri, "the Hub refused access (HTTP " + status + what + "); " + hint));
        }
        if (status == 408 || status == 429 || status / 100 == 5) {
            return new Attempt.Transient("HTTP " + status, retryAfter(response));
        }
        return new Attempt.Done(new HubFetch.Failed(uri, "unexpected HTTP " + status));
    }

    private Attempt failure(URI uri, Throwable cause) {
        // The endpoint, not only the host: a wrong HF_ENDPOINT (scheme, port) is the usual cause.
        String endpoint = endpoint(uri);
        if (cause instanceof ConnectException) {
            return new Attempt.Transient("could not connect to " + endpoint, Optional.empty());
        }
        if (cause instanceof HttpTimeoutException) {
            return new Attempt.Transient(endpoint + " did not answer in time", Optional.empty());
        }
        if (cause instanceof IOException) {
            return new Attempt.Transient("I/O error talking to " + endpoint + ": " + describe(cause), Optional.empty());
        }
        return new Attempt.Done(new HubFetch.Failed(uri, "unexpected error: " + describe(cause)));
    }

    /** {@code scheme://host[:port]} of a request, without its path or query. */
    static String endpoint(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : " (" + message.lines().findFirst().orElse("") + ")");
    }

    /** {@code Retry-After} in seconds; an HTTP date is rare enough on the Hub to fall back on backoff. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Never from https down to http; http only when the Hub itself was configured on http (loopback tests, mirrors). */
    private static boolean allowedRedirect(URI from, URI to) {
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && "http".equalsIgnoreCase(from.getScheme()));
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
