package dev.evalbot.app.platform.github;

import dev.evalbot.app.review.PlatformException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Plain REST requests for work outside a review (the reconciler's listings and redeliveries), sent through
 * the same connector as the review's calls: the same connection pool, the same request count, the
 * same turning of a rate limit or server error into a {@link PlatformException} with GitHub's advice
 * on when to retry. A request may be conditional ({@code If-None-Match}): GitHub answers 304 to an
 * unchanged listing and does not count it against the rate limit.
 */
final class GitHubRequests {
    /** Longest listing page read: a page of 100 pull requests is about 1.5 MB on GitHub. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /**
     * One answer.
     *
     * @param status 200 or 304 (others throw)
     * @param body empty on 304
     */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        public Answer {
            Map<String, List<String>> any = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((k, v) -> {
                if (k != null) {
                    any.put(k, v);
                }
            });
            headers = any;
        }

        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Who a request is made as. */
    public sealed interface As {
        /** The App itself (its JWT): {@code /app/...}. */
        record App() implements As {}

        /** An installation of the App, or the plain token when {@code id} is null. */
        record Installation(Long id) implements As {}
    }

    private final GitHubSettings settings;
    private final GitHubAuth auth;
    private final JdkGitHubConnector connector;
    private final Clock clock;

    GitHubRequests(GitHubSettings settings, GitHubAuth auth, JdkGitHubConnector connector, Clock clock) {
        this.settings = settings;
        this.auth = auth;
        this.connector = connector;
        this.clock = clock;
    }

    public boolean isApp() {
        return settings.isApp();
    }

    /**
     * A POST without a body ({@code /app/hook/deliveries/{id}/attempts}: redeliver a webhook).
     *
     * @return the status, 2xx (others throw)
     */
    public int post(String path, As as) {
        String url = settings.apiUrl() + path;
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Accept", List.of("application/vnd.github+json"));
        headers.put("Authorization", List.of(authorization(as)));
        try (GitHubConnectorResponse r = connector.send(new Request("POST", URI.create(url).toURL(), headers))) {
            if (r.statusCode() / 100 != 2) {
                throw new PlatformException("GitHub answered HTTP " + r.statusCode() + " on POST " + path,
                        r.statusCode(), false, RetryAdvice.notBefore(r.allHeaders(), clock), null);
            }
            return r.statusCode();
        } catch (GitHubPlatform.RetryLater e) {
            throw retryLater(e);
        } catch (IOException e) {
            throw PlatformException.unreachable("GitHub", e);
        }
    }

    private String authorization(As as) {
        return as instanceof As.Installation i ? auth.authorization(i.id()) : "Bearer " + auth.appJwt();
    }

    /** {@code pathOrUrl}: a path under the API base, or a full URL on it (a {@code Link} header's next page). */
    public Answer get(String pathOrUrl, As as, String etag) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : settings.apiUrl() + pathOrUrl;
        if (!url.startsWith(settings.apiUrl() + "/")) {
            throw new PlatformException("refusing to follow a link off the GitHub API: " + url, 0, false, null, null);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Accept", List.of("application/vnd.github+json"));
        headers.put("Authorization", List.of(authorization(as)));
        if (etag != null) {
            headers.put("If-None-Match", List.of(etag));
        }
        try (GitHubConnectorResponse r = connector.send(new Request("GET", URI.create(url).toURL(), headers))) {
            int status = r.statusCode();
            if (status == 304) {
                return new Answer(304, r.allHeaders(), new byte[0]);
            }
            if (status != 200) {
                throw new PlatformException("GitHub answered HTTP " + status + " on GET " + URI.create(url).getPath(),
                        status, false, RetryAdvice.notBefore(r.allHeaders(), clock), null);
            }
            try (InputStream in = r.bodyStream()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    throw new PlatformException("GitHub's answer to GET " + URI.create(url).getPath() + " is over "
                            + MAX_BODY_BYTES + " bytes", 200, false, null, null);
                }
                return new Answer(200, r.allHeaders(), body);
            }
        } catch (GitHubPlatform.RetryLater e) {
            throw retryLater(e);
        } catch (IOException e) {
            throw PlatformException.unreachable("GitHub", e);
        }
    }

    /** A rate limit or server error, with GitHub's advice on when to ask again. */
    private PlatformException retryLater(GitHubPlatform.RetryLater e) {
        return new PlatformException(e.getMessage(), e.status, true, RetryAdvice.notBefore(e.headers, clock), e);
    }

    private record Request(String method, URL url, Map<String, List<String>> allHeaders)
            implements GitHubConnectorRequest {
        @Override
        public String header(String name) {
            List<String> v = allHeaders.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        @Override
        public String contentType() {
            return null;
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public boolean hasBody() {
            return false;
        }
    }
}
