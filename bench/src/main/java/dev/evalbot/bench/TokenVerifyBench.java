package dev.evalbot.bench;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.evalbot.app.trust.RemoteJwksSource;
import dev.evalbot.app.trust.SignatureProvider;
import dev.evalbot.app.trust.SigningAlgorithm;
import dev.evalbot.app.trust.TokenCheck;
import dev.evalbot.app.trust.TokenIssuer;
import dev.evalbot.app.trust.TokenSubject;
import dev.evalbot.app.trust.TokenVerifier;
import dev.evalbot.app.trust.TrustConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One verifyToken verified end to end (header screen, key lookup, signature, claims) with the
 * key set already fetched and cached, as in a running server, with and without the cache of
 * verified signatures, with the signature provider the server would choose. Target: 5,000/s or more
 * on one core, first sight included ({@code cached=false}). Run: {@code java -jar bench/target/benchmarks.jar TokenVerify -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenVerifyBench {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Param({"EdDSA", "ES256", "RS256"})
    public String alg;

    /**
     * true: the server's verifier, which remembers verified signatures (the same token is checked
     * at every review of its pull request); false: every call verifies the signature.
     */
    @Param({"true", "false"})
    public boolean cached;

    /**
     * preferred: the server's choice (AWS-LC through the Amazon Corretto Crypto Provider where it
     * loads, else the JDK); jdk: the JDK's verifiers, for a before/after pair in one run
     * ({@code -p provider=preferred,jdk}).
     */
    @Param({"preferred"})
    public String provider;

    private TokenVerifier verifier;
    private TokenSubject subject;
    private String token;

    @Setup
    public void setUp() {
        JWK key = TokenIssuer.generateKey(SigningAlgorithm.valueOf(alg), "bench");
        String jwks = new JWKSet(List.of(key.toPublicJWK())).toString();
        // The server's path: a remote key set, fetched once (here from memory), then cached.
        SignatureProvider signatures = switch (provider) {
            case "preferred" -> SignatureProvider.preferred();
            case "jdk" -> SignatureProvider.jdk();
            default -> throw new IllegalArgumentException("provider is preferred or jdk, not " + provider);
        };
        RemoteJwksSource keys = new RemoteJwksSource(URI.create("https://keys.example/jwks.json"), url -> jwks,
                TrustConfig.Limits.DEFAULT, CLOCK, () -> signatures);
        verifier = new TokenVerifier(keys, CLOCK, TrustConfig.Limits.DEFAULT.clockSkew(),
                cached ? TokenVerifier.VERIFIED_CACHE_SIZE : 0);
        subject = new TokenSubject("acme/model-7b", "cais/hle", "hle", 20.9, "a3c98f7");
        token = new TokenIssuer(key, CLOCK).sign(subject, null, "runner");
        if (!verifier.verify(subject, token).verified()) {
            throw new IllegalStateException("the benchmark token does not verify");
        }
    }

    @Benchmark
    public TokenCheck verify() {
        return verifier.verify(subject, token);
    }
}
