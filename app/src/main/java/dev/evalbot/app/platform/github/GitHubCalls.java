package dev.evalbot.app.platform.github;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.review.PlatformException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api clients per installation, and failures turned into {@link PlatformException}s the
 * inbox understands.
 * Shared by the review adapter and the command adapter.
 */
final class GitHubCalls {
    /** The key of the client without an installation (a plain token). */
    private static final long NO_INSTALLATION = -1;
    private final GitHubSettings settings;
    private final GitHubAuth auth;
    private final JdkGitHubConnector connector;
    private final Clock clock;
    private final Cache<Long, GitHub> clients = Caffeine.newBuilder().maximumSize(1_000).build();

    GitHubCalls(GitHubSettings settings, GitHubAuth auth, HttpClient http, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.auth = auth;
        this.clock = clock;
        this.connector = new JdkGitHubConnector(http, Duration.ofSeconds(20), meters);
    }

    /** Plain requests through the same connector, for listings and redeliveries outside a review. */
    GitHubRequests requests() {
        return new GitHubRequests(settings, auth, connector, clock);
    }

    /**
     * The client of an installation (null: the token's), built once: it holds no token (its
     * authorization is asked of {@link GitHubAuth} per request, so renewals reach it).
     */
    GitHub client(Long installationId) throws IOException {
        try {
            return clients.get(installationId == null ? NO_INSTALLATION : installationId, id -> {
                try {
                    return build(installationId);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private GitHub build(Long installationId) throws IOException {
        return new GitHubBuilder().withEndpoint(settings.apiUrl()).withConnector(connector)
                .withAuthorizationProvider(() -> auth.authorization(installationId))
                .withRateLimitHandler(new GitHubRateLimitHandler() {
                    @Override
                    public void onError(GitHubConnectorResponse response) throws IOException {
                        throw new GitHubPlatform.RetryLater("GitHub rate limit reached", response);
                    }
                })
                .withAbuseLimitHandler(new GitHubAbuseLimitHandler() {
                    @Override
                    public void onError(GitHubConnectorResponse response) throws IOException {
                        throw new GitHubPlatform.RetryLater("GitHub secondary rate limit reached", response);
                    }
                })
                .build();
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    <T> T call(Call<T> call) {
        try {
            try {
                return call.run();
            } catch (org.kohsuke.github.GHException e) {
                // Paged listings wrap the real failure in an unchecked exception.
                throw new IOException(e.getMessage(), e);
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private PlatformException translate(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GitHubPlatform.RetryLater r) {
                return new PlatformException(r.getMessage(), r.status, true, RetryAdvice.notBefore(r.headers, clock), r);
            }
        }
        try {
            throw failure.getCause() instanceof IOException io && failure.getClass() == IOException.class ? io : failure;
        } catch (HttpException e) {
            int status = e.getResponseCode();
            Map<String, List<String>> headers = headersOf(e);
            boolean retry = status >= 500 || status == 429 || status <= 0
                    || (status == 403 && RetryAdvice.notBefore(headers, clock) != null);
            return new PlatformException("GitHub answered HTTP " + status + ": " + firstLine(e.getMessage()), status,
                    retry, RetryAdvice.notBefore(headers, clock), e);
        } catch (GHIOException e) {
            return new PlatformException("GitHub call failed: " + firstLine(e.getMessage()), 0, true, null, e);
        } catch (IOException e) {
            return PlatformException.unreachable("GitHub", e);
        }
    }

    private static Map<String, List<String>> headersOf(GHIOException e) {
        try {
            return e.getResponseHeaderFields();
        } catch (NullPointerException noHeaders) {
            return Map.of(); // github-api throws when the exception carries no headers
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
