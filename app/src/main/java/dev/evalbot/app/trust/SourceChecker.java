package dev.evalbot.app.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Checks a {@code source.url} without becoming a way into the network it runs in (SSRF): every
 * host, including each redirect target, is resolved once through the injected resolver, refused
 * if any address is not public unicast, and the connection goes to exactly those addresses. An
 * allowed host:port (configuration, for tests) skips only the address rule.
 *
 * <p>Links to arXiv, the Hub and GitHub get a sharper check ({@link KnownHost}). Bounds: 3 s to
 * connect, 8 s per check, 3 redirects, 256 KiB of body, 2 checks per host at a time. Outcomes are
 * cached per URL: an hour when reachable, five minutes otherwise, never when skipped.
 *
 * <p>Thread-safe; one instance serves the whole process.
 */
public final class SourceChecker {
    private final TrustConfig config;
    private final HostVetter vetter;
    private final Prober prober;
    private final HostLimiter limiter;
    private final List<KnownHost> knownHosts;
    private final Cache<String, SourceCheck> cache;

    public SourceChecker(TrustConfig config, Clock clock) {
        this(config, HostResolver.SYSTEM, clock);
    }

    public SourceChecker(TrustConfig config, HostResolver resolver, Clock clock) {
        this.config = config;
        TrustConfig.Limits limits = config.limits();
        this.vetter = new HostVetter(resolver, config.allowHosts());
        this.prober = new Prober(new SafeHttp(vetter, limits));
        this.limiter = new HostLimiter(limits.perHostConcurrency());
        this.knownHosts = List.of(new ArxivLink(), new HubLink(config.hubEndpoint()),
                new GitHubLink(config.githubApiUrl()));
        long reachable = limits.reachableTtl().toNanos();
        long otherwise = limits.unreachableTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(limits.maxCachedSources())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, SourceCheck>writing((url, check) -> Duration.ofNanos(
                        check instanceof SourceCheck.Reachable ? reachable : otherwise)))
                .build();
    }

    public SourceCheck check(String url) {
        return check(url, null);
    }

    /**
     * @param githubAuthorization the Authorization header for the GitHub API (the installation's
     *     token), or null; sent only to {@code GITHUB_API_URL}
     */
    public SourceCheck check(String url, String githubAuthorization) {
        String key = url == null ? "" : url.strip();
        SourceCheck cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        SourceCheck result = evaluate(key, githubAuthorization);
        if (!(result instanceof SourceCheck.Skipped)) {
            cache.put(key, result);
        }
        return result;
    }

    private SourceCheck evaluate(String text, String githubAuthorization) {
        SourceUrl url;
        try {
            url = SourceUrl.parse(text);
            if (!url.https() && !vetter.allowed(url)) {
                return new SourceCheck.Skipped("not an https link");
            }
            if (url.literal() != null) {
                // An address needs no lookup: refuse a private one even offline.
                vetter.vet(url);
            }
        } catch (Refusal r) {
            return r.check();
        }
        Optional<KnownHost> known = knownHosts.stream().filter(k -> k.handles(url)).findFirst();
        Optional<SourceCheck> syntax = known.flatMap(k -> k.checkSyntax(url));
        if (syntax.isPresent()) {
            return syntax.get();
        }
        if (config.offline()) {
            return new SourceCheck.Skipped("offline");
        }
        HostLimiter.Permit permit;
        try {
            permit = limiter.acquire(url.host(), config.limits().checkTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SourceCheck.Skipped("interrupted");
        }
        if (permit == null) {
            return new SourceCheck.Skipped("too many checks of " + url.host() + " in flight");
        }
        try (permit) {
            return known.isPresent() ? known.get().checkOnline(url, prober, githubAuthorization)
                    : prober.page(url, "page");
        }
    }
}
