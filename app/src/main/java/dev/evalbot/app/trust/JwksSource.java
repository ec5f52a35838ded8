package dev.evalbot.app.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** Where the keys that may sign verifyTokens come from. Implementations are thread-safe. */
public interface JwksSource {

    /** The key for a token with this {@code kid} (may be null) signed with {@code alg}. */
    KeyLookup find(String kid, SigningAlgorithm alg);

    /** A source that has no keys, saying why (not configured, offline). */
    static JwksSource none(String why) {
        return (kid, alg) -> new KeyLookup.Unavailable(why);
    }

    /**
     * The source {@code EVALBOT_VERIFY_JWKS} describes: an https URL (an http URL only for an
     * allowed host:port, i.e. tests), or else a file path read now. Not configured: a source
     * that skips. Offline with a URL: a source that skips. An unreadable file or a plain-http
     * URL is an IllegalArgumentException, so a misconfigured server does not start.
     */
    static JwksSource fromConfig(TrustConfig config, Clock clock) {
        String location = config.jwksLocation();
        if (location == null) {
            return none("no key set configured (EVALBOT_VERIFY_JWKS)");
        }
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            URI url = remoteUrl(location, config.allowHosts());
            if (config.offline()) {
                return none("offline: the key set at " + url + " is not fetched");
            }
            return new RemoteJwksSource(url, JwksFetcher.http(config.limits()), config.limits(), clock);
        }
        try {
            return FileJwksSource.load(Path.of(location));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("EVALBOT_VERIFY_JWKS: " + e.getMessage());
        }
    }

    /** The URL of a remote key set, refused unless https (or http to an allowed host:port). */
    static URI remoteUrl(String location, AllowedHosts allowHosts) {
        URI url;
        try {
            url = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("EVALBOT_VERIFY_JWKS is not a valid URL: " + location);
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null) {
            throw new IllegalArgumentException("EVALBOT_VERIFY_JWKS has no host: " + location);
        }
        int port = url.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : url.getPort();
        if (!scheme.equals("https") && !allowHosts.allows(url.getHost(), port)) {
            throw new IllegalArgumentException("EVALBOT_VERIFY_JWKS must be an https URL, got " + location);
        }
        return url;
    }
}
