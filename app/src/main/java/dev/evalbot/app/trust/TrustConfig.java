package dev.evalbot.app.trust;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the trust checks read from the outside world, read once and passed down.
 *
 * @param jwksLocation {@code EVALBOT_VERIFY_JWKS}: a file path or an https URL; null when not set
 * @param allowHosts {@code EVALBOT_SOURCE_ALLOW_HOSTS}: host:port pairs that may be loopback/private
 * @param hubEndpoint {@code HF_ENDPOINT}, default https://huggingface.co
 * @param githubApiUrl {@code GITHUB_API_URL}, default https://api.github.com
 * @param offline {@code EVALBOT_OFFLINE}: no network at all; checks that need it are skipped
 */
public record TrustConfig(
        String jwksLocation,
        AllowedHosts allowHosts,
        URI hubEndpoint,
        URI githubApiUrl,
        boolean offline,
        Limits limits) {

    public static final URI DEFAULT_HUB = URI.create("https://huggingface.co");
    public static final URI DEFAULT_GITHUB_API = URI.create("https://api.github.com");

    /** Every bound of the trust checks, each with a sane default. */
    public record Limits(
            Duration connectTimeout,
            Duration checkTimeout,
            int maxRedirects,
            int maxBodyBytes,
            int perHostConcurrency,
            Duration reachableTtl,
            Duration unreachableTtl,
            int maxCachedSources,
            Duration jwksTtl,
            Duration jwksRefetchInterval,
            int maxJwksBytes,
            Duration clockSkew) {

        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(3), Duration.ofSeconds(8), 3, 256 * 1024,
                2, Duration.ofHours(1), Duration.ofMinutes(5), 10_000, Duration.ofMinutes(10), Duration.ofMinutes(1),
                1024 * 1024, Duration.ofSeconds(60));

        public Limits {
            if (connectTimeout.isNegative() || connectTimeout.isZero() || checkTimeout.isNegative()
                    || checkTimeout.isZero() || maxRedirects < 0 || maxBodyBytes < 0 || perHostConcurrency < 1
                    || maxCachedSources < 0 || jwksTtl.isNegative() || jwksRefetchInterval.isNegative()
                    || maxJwksBytes < 1 || clockSkew.isNegative()) {
                throw new IllegalArgumentException("trust limits must be positive");
            }
        }

        public Limits withJwksTtl(Duration ttl) {
            return new Limits(connectTimeout, checkTimeout, maxRedirects, maxBodyBytes, perHostConcurrency,
                    reachableTtl, unreachableTtl, maxCachedSources, ttl, jwksRefetchInterval, maxJwksBytes, clockSkew);
        }
    }

    public TrustConfig {
        jwksLocation = jwksLocation == null || jwksLocation.isBlank() ? null : jwksLocation.trim();
        allowHosts = allowHosts == null ? AllowedHosts.NONE : allowHosts;
        hubEndpoint = baseUrl(hubEndpoint == null ? DEFAULT_HUB : hubEndpoint, "HF_ENDPOINT");
        githubApiUrl = baseUrl(githubApiUrl == null ? DEFAULT_GITHUB_API : githubApiUrl, "GITHUB_API_URL");
        limits = limits == null ? Limits.DEFAULT : limits;
    }

    /** Defaults: no key set, nothing allowed, the public Hub and GitHub, online. */
    public static TrustConfig defaults() {
        return new TrustConfig(null, AllowedHosts.NONE, null, null, false, Limits.DEFAULT);
    }

    /**
     * Reads {@code EVALBOT_VERIFY_JWKS}, {@code EVALBOT_VERIFY_JWKS_TTL} (ISO-8601 such as PT10M, or
     * seconds), {@code EVALBOT_SOURCE_ALLOW_HOSTS}, {@code HF_ENDPOINT}, {@code GITHUB_API_URL} and
     * {@code EVALBOT_OFFLINE} (true/false). A malformed value is an IllegalArgumentException
     * naming the variable: better to refuse to start than to check less than configured.
     */
    public static TrustConfig fromEnvironment(Map<String, String> env) {
        Limits limits = Limits.DEFAULT;
        String ttl = env.get("EVALBOT_VERIFY_JWKS_TTL");
        if (ttl != null && !ttl.isBlank()) {
            limits = limits.withJwksTtl(duration("EVALBOT_VERIFY_JWKS_TTL", ttl.trim()));
        }
        return new TrustConfig(env.get("EVALBOT_VERIFY_JWKS"),
                AllowedHosts.parse(env.get("EVALBOT_SOURCE_ALLOW_HOSTS")),
                uri("HF_ENDPOINT", env.get("HF_ENDPOINT")),
                uri("GITHUB_API_URL", env.get("GITHUB_API_URL")),
                flag("EVALBOT_OFFLINE", env.get("EVALBOT_OFFLINE")),
                limits);
    }

    public TrustConfig withOffline(boolean value) {
        return new TrustConfig(jwksLocation, allowHosts, hubEndpoint, githubApiUrl, value, limits);
    }

    public TrustConfig withLimits(Limits value) {
        return new TrustConfig(jwksLocation, allowHosts, hubEndpoint, githubApiUrl, offline, value);
    }

    private static URI uri(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + value);
        }
    }

    private static URI baseUrl(URI uri, String name) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got " + uri);
        }
        // Paths are appended to the base: keep it free of a trailing slash.
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got " + value);
        };
    }

    private static Duration duration(String name, String value) {
        try {
            Duration d = value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
                    : Duration.parse(value);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as PT10M or 600, got " + value);
        }
    }
}
