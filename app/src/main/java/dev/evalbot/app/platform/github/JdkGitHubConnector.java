package dev.evalbot.app.platform.github;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api's transport over one shared {@link HttpClient} (HTTP/1.1 keep-alive, bounded
 * timeouts), counting every request so that the API budget per review is measurable.
 */
final class JdkGitHubConnector implements GitHubConnector {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private final HttpClient client;
    private final Duration timeout;
    private final Counter requests;

    JdkGitHubConnector(HttpClient client, Duration timeout, MeterRegistry meters) {
        this.client = client;
        this.timeout = timeout;
        this.requests = Counter.builder("evalbot.github.requests").description("GitHub API requests").register(meters);
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(timeout);
        } catch (URISyntaxException e) {
            throw new IOException("bad GitHub URL " + request.url(), e);
        }
        for (Map.Entry<String, List<String>> h : request.allHeaders().entrySet()) {
            if (h.getKey() != null && !RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                h.getValue().forEach(v -> builder.header(h.getKey(), v));
            }
        }
        HttpRequest.BodyPublisher body = request.hasBody()
                ? HttpRequest.BodyPublishers.ofInputStream(request::body)
                : HttpRequest.BodyPublishers.noBody();
        builder.method(request.method(), body);
        requests.increment();
        try {
            HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            Response r = new Response(request, response);
            if (shouldRetryLater(r)) {
                // Decided here, where the headers are certain, so that every call path (paged or not)
                // turns a rate limit or server error into retry advice for the inbox.
                r.close();
                throw new GitHubPlatform.RetryLater("GitHub answered HTTP " + r.statusCode()
                        + " on " + request.method() + " " + request.url().getPath(), r);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling GitHub", e);
        }
    }


    private static boolean shouldRetryLater(GitHubConnectorResponse r) {
        int status = r.statusCode();
        if (status == 429 || status >= 500) {
            return true;
        }
        return status == 403 && (r.header("Retry-After") != null || "0".equals(r.header("X-RateLimit-Remaining")));
    }

    private static final class Response extends GitHubConnectorResponse {
        private final HttpResponse<InputStream> response;

        Response(GitHubConnectorRequest request, HttpResponse<InputStream> response) {
            super(request, response.statusCode(), response.headers().map());
            this.response = response;
        }

        @Override
        public InputStream bodyStream() throws IOException {
            return wrapStream(response.body());
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
