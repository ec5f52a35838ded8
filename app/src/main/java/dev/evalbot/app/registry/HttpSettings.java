package dev.evalbot.app.registry;

import java.time.Duration;

/**
 * Limits on talking to the Hub.
 *
 * @param connectTimeout TCP and TLS connection
 * @param requestTimeout one whole exchange, body included
 * @param maxRedirects redirects followed for one request (repository renames redirect)
 * @param retry backoff for transient errors
 * @param fetchThreads definitions fetched at the same time; further ones queue
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxRedirects, FetchRetry retry,
        int fetchThreads) {
    public static final HttpSettings DEFAULT = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 5,
            FetchRetry.DEFAULT, 4);

    public HttpSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero() || maxRedirects < 0 || fetchThreads < 1) {
            throw new IllegalArgumentException("timeouts must be positive, redirects not negative, threads positive");
        }
    }

    public HttpSettings withRetry(FetchRetry r) {
        return new HttpSettings(connectTimeout, requestTimeout, maxRedirects, r, fetchThreads);
    }
}
