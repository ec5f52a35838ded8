package dev.evalbot.app.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP half of a source check: one short-lived client per check whose only DNS is the
 * vetter's answer, no proxy, no cookies, no retries, and redirects followed by hand so that
 * every hop is vetted before any packet is sent to it.
 */
final class SafeHttp {
    static final String USER_AGENT = "evalbot-source-check/0.1";

    /** How to ask: a page (HEAD, then a one-byte GET if HEAD is refused) or an API (GET). */
    enum Mode {
        PAGE,
        API
    }

    /**
     * The final answer after redirects, and where it came from.
     *
     * @param etag the answer's ETag, or null
     * @param rateLimited the answer says the caller's API quota is spent ({@code X-RateLimit-Remaining: 0})
     */
    record Answer(int status, SourceUrl at, String etag, boolean rateLimited) {
        Answer(int status, SourceUrl at) {
            this(status, at, null, false);
        }
    }

    private record Hop(int status, String location, String etag, boolean rateLimited) {}

    /** Reads the final answer's body while the connection is open; may stop early (the rest is not read). */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(int status, java.util.function.Function<String, String> header, InputStream body) throws IOException;
    }

    /** What {@link #get} gives: the reader's result and the URL it came from after redirects. */
    record Read<T>(T value, SourceUrl at) {}

    private final HostVetter vetter;
    private final TrustConfig.Limits limits;

    SafeHttp(HostVetter vetter, TrustConfig.Limits limits) {
        this.vetter = vetter;
        this.limits = limits;
    }

    Answer fetch(SourceUrl start, Mode mode, Map<String, String> headers) throws Refusal {
        long deadline = System.nanoTime() + limits.checkTimeout().toNanos();
        PinnedDnsResolver dns = new PinnedDnsResolver();
        try (CloseableHttpClient client = client(dns)) {
            SourceUrl url = start;
            for (int redirects = 0; ; redirects++) {
                dns.pin(url.host(), vetter.vet(url));
                Hop hop = send(client, url, mode == Mode.PAGE ? "HEAD" : "GET", headers, deadline);
                if (mode == Mode.PAGE && (hop.status() == 405 || hop.status() == 403 || hop.status() == 501)) {
                    // Some servers refuse HEAD: ask for the first byte instead of the whole page.
                    hop = send(client, url, "GET", Map.of("Range", "bytes=0-0"), deadline);
                }
                if (!isRedirect(hop.status())) {
                    return new Answer(hop.status(), url, hop.etag(), hop.rateLimited());
                }
                if (hop.location() == null) {
                    throw Refusal.unreachable(url.authority() + " answered HTTP " + hop.status()
                            + " without a Location");
                }
                SourceUrl from = url;
                url = redirect(url, hop.location(), redirects);
                headers = forHop(from, url, headers);
            }
        } catch (IOException e) {
            // Closing the client failed; the answer, if any, was already returned.
            throw Refusal.unreachable("connection error: " + e.getMessage());
        }
    }

    /**
     * A GET whose final answer's body is handed to {@code reader}, redirects vetted hop by hop as in
     * {@link #fetch}; {@code timeout} bounds the whole exchange.
     */
    <T> Read<T> get(SourceUrl start, Map<String, String> headers, java.time.Duration timeout, BodyReader<T> reader)
            throws Refusal {
        long deadline = System.nanoTime() + timeout.toNanos();
        PinnedDnsResolver dns = new PinnedDnsResolver();
        try (CloseableHttpClient client = client(dns)) {
            SourceUrl url = start;
            for (int redirects = 0; ; redirects++) {
                dns.pin(url.host(), vetter.vet(url));
                Exchange<T> hop = exchange(client, url, headers, deadline, timeout, reader);
                if (hop.location() == null) {
                    return new Read<>(hop.value(), url);
                }
                SourceUrl from = url;
                url = redirect(url, hop.location(), redirects);
                headers = forHop(from, url, headers);
            }
        } catch (IOException e) {
            throw Refusal.unreachable("connection error: " + e.getMessage());
        }
    }

    /** Where a redirect leads, refused past the limit of redirects. */
    private SourceUrl redirect(SourceUrl url, String location, int redirects) throws Refusal {
        if (redirects == limits.maxRedirects()) {
            throw Refusal.unreachable("more than " + limits.maxRedirects() + " redirects (last to "
                    + Clip.of(location) + ")");
        }
        return next(url, location);
    }

    /** Credentials and conditions were for the first host only. */
    private static Map<String, String> forHop(SourceUrl from, SourceUrl to, Map<String, String> headers) {
        return to.authority().equals(from.authority()) ? headers : withoutCredentials(headers);
    }

    private record Exchange<T>(T value, String location) {}

    private <T> Exchange<T> exchange(CloseableHttpClient client, SourceUrl url, Map<String, String> headers, long deadline,
            java.time.Duration timeout, BodyReader<T> reader) throws Refusal {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(timeout);
        }
        HttpUriRequestBase request = new HttpUriRequestBase("GET", URI.create("/"));
        request.setPath(url.target().replaceFirst("^/{2,}", "/"));
        headers.forEach(request::setHeader);
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(remaining, TimeUnit.NANOSECONDS))
                .setConnectionRequestTimeout(Timeout.of(remaining, TimeUnit.NANOSECONDS)).build());
        CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS).execute(request::cancel);
        HttpHost target = new HttpHost(url.scheme(), url.host(), url.port());
        try {
            return client.execute(target, request, null, response -> {
                Header location = response.getFirstHeader("Location");
                if (isRedirect(response.getCode()) && location != null) {
                    drain(response.getEntity(), limits.maxBodyBytes());
                    return new Exchange<T>(null, location.getValue());
                }
                java.util.function.Function<String, String> header = name -> {
                    Header h = response.getFirstHeader(name);
                    return h == null ? null : h.getValue();
                };
                HttpEntity entity = response.getEntity();
                InputStream body = entity == null || entity.getContent() == null ? InputStream.nullInputStream()
                        : entity.getContent();
                // A reader that closes the body (a JSON parser does) must not drain it: the connection is dropped below.
                T value = reader.read(response.getCode(), header, new java.io.FilterInputStream(body) {
                    @Override
                    public void close() {}
                });
                // Cancelled and thrown, not returned: closing the response would otherwise read the rest of the body.
                request.cancel();
                throw new Stop(value);
            });
        } catch (Stop stop) {
            @SuppressWarnings("unchecked")
            T value = (T) stop.value;
            return new Exchange<>(value, null);
        } catch (IOException | IllegalStateException e) {
            if (request.isCancelled() || System.nanoTime() - deadline >= 0 || e instanceof SocketTimeoutException) {
                throw timedOut(timeout);
            }
            throw Refusal.unreachable(describe(url, e));
        }
    }

    /** Carries a reader's result out of the client, which then drops the connection unread. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Object value;

        Stop(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    private static Refusal timedOut(java.time.Duration timeout) {
        long ms = timeout.toMillis();
        return Refusal.unreachable("no answer within " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
    }

    private static Map<String, String> withoutCredentials(Map<String, String> headers) {
        Map<String, String> kept = new java.util.HashMap<>(headers);
        kept.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization") || k.equalsIgnoreCase("If-None-Match"));
        return kept;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static SourceUrl next(SourceUrl from, String location) throws Refusal {
        URI resolved;
        try {
            resolved = from.uri().resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw Refusal.unreachable(from.authority() + " redirects to an invalid URL: " + Clip.of(location));
        }
        return SourceUrl.parse(resolved.toString());
    }

    private Hop send(CloseableHttpClient client, SourceUrl url, String method, Map<String, String> headers,
            long deadline) throws Refusal {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut();
        }
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create("/"));
        // HttpClient refuses a path starting with "//" (it would read as a host): servers treat them alike.
        request.setPath(url.target().replaceFirst("^/{2,}", "/"));
        headers.forEach(request::setHeader);
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(remaining, TimeUnit.NANOSECONDS))
                .setConnectionRequestTimeout(Timeout.of(remaining, TimeUnit.NANOSECONDS)).build());
        // The whole check has one deadline, whatever a slow server does between reads.
        CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS).execute(request::cancel);
        HttpHost target = new HttpHost(url.scheme(), url.host(), url.port());
        try {
            return client.execute(target, request, null, response -> {
                drain(response.getEntity(), limits.maxBodyBytes());
                Header location = response.getFirstHeader("Location");
                Header etag = response.getFirstHeader("ETag");
                Header quota = response.getFirstHeader("X-RateLimit-Remaining");
                return new Hop(response.getCode(), location == null ? null : location.getValue(),
                        etag == null ? null : etag.getValue(), quota != null && "0".equals(quota.getValue().trim()));
            });
        } catch (IOException | IllegalStateException e) {
            if (request.isCancelled() || System.nanoTime() - deadline >= 0 || e instanceof SocketTimeoutException) {
                throw timedOut();
            }
            throw Refusal.unreachable(describe(url, e));
        }
    }

    /** Reads at most {@code cap} bytes of a body, so a connection can be reused, then stops. */
    private static void drain(HttpEntity entity, int cap) throws IOException {
        if (entity == null) {
            return;
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return;
            }
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while (total < cap && (n = in.read(buffer, 0, Math.min(buffer.length, cap - total))) > 0) {
                total += n;
            }
        }
    }

    private Refusal timedOut() {
        long ms = limits.checkTimeout().toMillis();
        return Refusal.unreachable("no answer within " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
    }

    private static String describe(SourceUrl url, Exception e) {
        String host = url.authority();
        if (e instanceof ConnectTimeoutException) {
            return "timed out connecting to " + host;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "connection to " + host + " refused";
        }
        if (e instanceof SSLException) {
            return "TLS with " + host + " failed: " + e.getMessage();
        }
        if (e instanceof UnknownHostException) {
            return "host " + url.host() + " does not resolve";
        }
        if (e instanceof InterruptedIOException) {
            return "request to " + host + " interrupted";
        }
        return "request to " + host + " failed: " + e.getMessage();
    }

    private CloseableHttpClient client(PinnedDnsResolver dns) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(limits.connectTimeout().compareTo(limits.checkTimeout()) < 0
                        ? limits.connectTimeout() : limits.checkTimeout()))
                .setSocketTimeout(Timeout.of(limits.checkTimeout()))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        .setDefaultConnectionConfig(connection)
                        .setMaxConnTotal(2)
                        .build())
                // No useSystemProperties(): a system proxy would resolve names itself.
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent(USER_AGENT)
                .build();
    }
}
