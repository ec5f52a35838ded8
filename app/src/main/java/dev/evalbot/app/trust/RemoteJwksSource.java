package dev.evalbot.app.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A key set at an https URL: fetched on first use, kept for the TTL, fetched again early when a
 * token names a key id it does not have (key rotation), but at most once per refetch interval.
 * A failed fetch is remembered for the refetch interval too, so an outage costs one attempt a
 * minute, not one per token.
 */
public final class RemoteJwksSource implements JwksSource {
    private sealed interface Snapshot {}

    private record Keys(KeyRing ring) implements Snapshot {}

    private record Failure(String why) implements Snapshot {}

    private final URI url;
    private final JwksFetcher fetcher;
    private final Cache<URI, Snapshot> cache;
    private final RefetchGate refetchGate;
    private final Supplier<SignatureProvider> provider;

    public RemoteJwksSource(URI url, JwksFetcher fetcher, TrustConfig.Limits limits, Clock clock) {
        this(url, fetcher, limits, clock, SignatureProvider::preferred);
    }

    /** @param provider checks the signatures of the keys fetched (tests and benchmarks pick one) */
    public RemoteJwksSource(URI url, JwksFetcher fetcher, TrustConfig.Limits limits, Clock clock,
            Supplier<SignatureProvider> provider) {
        this.url = url;
        this.provider = provider;
        this.fetcher = fetcher;
        this.refetchGate = new RefetchGate(clock, limits.jwksRefetchInterval());
        long keysTtl = limits.jwksTtl().toNanos();
        long failureTtl = limits.jwksRefetchInterval().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(1)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<URI, Snapshot>writing((k, v) -> Duration.ofNanos(
                        v instanceof Keys ? keysTtl : failureTtl)))
                .build();
    }

    @Override
    public KeyLookup find(String kid, SigningAlgorithm alg) {
        Snapshot snapshot = cache.get(url, this::load);
        if (snapshot instanceof Failure f) {
            return new KeyLookup.Unavailable(f.why());
        }
        KeyLookup lookup = ((Keys) snapshot).ring().find(kid, alg);
        if (!(lookup instanceof KeyLookup.Unknown) || kid == null || !refetchGate.tryPass()) {
            return lookup;
        }
        Snapshot fresh = load(url);
        if (fresh instanceof Keys keys) {
            cache.put(url, fresh);
            return keys.ring().find(kid, alg);
        }
        // The refetch failed: keep serving the keys we have.
        return lookup;
    }

    private Snapshot load(URI key) {
        try {
            return new Keys(new KeyRing(JWKSet.parse(fetcher.fetch(key)), provider));
        } catch (IOException e) {
            return new Failure("could not fetch the key set from " + key + ": " + e.getMessage());
        } catch (ParseException e) {
            return new Failure("the key set at " + key + " is not a JWK set: " + e.getMessage());
        }
    }
}
