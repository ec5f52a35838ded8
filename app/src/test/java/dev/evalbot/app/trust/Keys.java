package dev.evalbot.app.trust;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Real key pairs, generated once per test class that asks (RSA generation is slow). */
final class Keys {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TokenSubject SUBJECT = new TokenSubject("acme/model-7b", "cais/hle", "hle", 20.9, "a3c98f7");

    final Map<SigningAlgorithm, JWK> byAlg = new EnumMap<>(SigningAlgorithm.class);

    Keys() {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            byAlg.put(alg, TokenIssuer.generateKey(alg, "k-" + alg.name().toLowerCase()));
        }
    }

    JWK key(SigningAlgorithm alg) {
        return byAlg.get(alg);
    }

    TokenIssuer issuer(SigningAlgorithm alg) {
        return new TokenIssuer(key(alg), CLOCK);
    }

    TokenIssuer issuer(SigningAlgorithm alg, Clock clock) {
        return new TokenIssuer(key(alg), clock);
    }

    /** The public set of every generated key. */
    JWKSet publicSet() {
        return new JWKSet(List.copyOf(byAlg.values().stream().map(JWK::toPublicJWK).toList()));
    }

    TokenVerifier verifier() {
        return new TokenVerifier(new FileJwksSource(new KeyRing(publicSet())), CLOCK);
    }
}
