package dev.evalbot.app.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.evalbot.app.trust.TokenCheck.Failed;
import dev.evalbot.app.trust.TokenCheck.Reason;
import dev.evalbot.rules.model.ResultEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a verifyToken: a compact JWS signed by a key of the configured set with an allowed
 * asymmetric algorithm, whose claims bind it to one entry. The algorithm is screened from the raw
 * header before any library sees the token, so none/HMAC can never reach a key. Keys embedded in
 * the token (jwk, jku, x5u, x5c) are ignored: only the configured set is trusted.
 *
 * <p>Thread-safe; remembers which signatures verified (bounded), nothing else per token.
 */
public final class TokenVerifier {
    /** Far above any real token; keeps a hostile file from making us base64-decode megabytes. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    /** Signatures remembered as verified; a few thousand tokens' worth, about 100 bytes each. */
    public static final int VERIFIED_CACHE_SIZE = 10_000;

    private final JwksSource keys;
    private final Clock clock;
    private final Duration clockSkew;
    /**
     * Tokens whose signature verified, by the token's SHA-256, key id and the key's verifier. A
     * P-256 signature takes the JDK about a millisecond to verify, and the same token is checked at
     * every review of its pull request and at every backfill; the claims are still checked every
     * time (expiry moves, the entry may differ). A reloaded key set has new verifiers, so a rotated
     * key never matches an old entry. Only successes are kept.
     */
    private final Cache<VerifiedSignature, Boolean> verified; // null: none kept

    private record VerifiedSignature(String tokenSha256, String keyId, JWSVerifier verifier) {}

    /** @param verifiedCacheSize signatures remembered as verified; 0 verifies every time */
    public TokenVerifier(JwksSource keys, Clock clock, Duration clockSkew, int verifiedCacheSize) {
        this.keys = keys;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.verified = verifiedCacheSize > 0 ? Caffeine.newBuilder().maximumSize(verifiedCacheSize).build() : null;
    }

    public TokenVerifier(JwksSource keys, Clock clock) {
        this(keys, clock, TrustConfig.Limits.DEFAULT.clockSkew(), VERIFIED_CACHE_SIZE);
    }

    /** The verifier the configuration describes (see {@link JwksSource#fromConfig}). */
    public static TokenVerifier fromConfig(TrustConfig config, Clock clock) {
        return new TokenVerifier(JwksSource.fromConfig(config, clock), clock, config.limits().clockSkew(),
                VERIFIED_CACHE_SIZE);
    }

    /** The check for one validated entry of a results file in {@code modelRepo}. */
    public TokenCheck check(String modelRepo, ResultEntry entry) {
        if (entry.verifyToken() == null || entry.verifyToken().isBlank()) {
            return new TokenCheck.Absent();
        }
        return TokenSubject.of(modelRepo, entry)
                .map(subject -> verify(subject, entry.verifyToken()))
                .orElseGet(() -> new Failed(Reason.ENTRY_INCOMPLETE,
                        "the entry has no numeric value to compare with the token"));
    }

    public TokenCheck verify(TokenSubject subject, String token) {
        if (token == null || token.isBlank()) {
            return new TokenCheck.Absent();
        }
        String compact = token.strip();
        if (compact.length() > MAX_TOKEN_CHARS) {
            return malformed("the token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !base64url(parts)) {
            return malformed("not a compact JWS (expected three base64url parts separated by dots)");
        }
        Map<String, Object> header;
        try {
            header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
        } catch (ParseException e) {
            return malformed("not a compact JWS (the header is not a JSON object)");
        }
        Object algName = header.get("alg");
        if (!(algName instanceof String name)) {
            return malformed("not a compact JWS (the header has no alg)");
        }
        Optional<SigningAlgorithm> alg = SigningAlgorithm.byName(name);
        if (alg.isEmpty()) {
            return refuseAlgorithm(name);
        }
        if (header.containsKey("crit") || header.containsKey("b64")) {
            return malformed("critical or unencoded-payload header parameters are not supported");
        }
        if (parts[2].isEmpty()) {
            return new Failed(Reason.BAD_SIGNATURE, "the token has no signature");
        }
        Object kid = header.get("kid");
        if (kid != null && !(kid instanceof String)) {
            return malformed("the header's kid is not a string");
        }
        KeyLookup lookup = keys.find((String) kid, alg.get());
        if (lookup instanceof KeyLookup.Unavailable u) {
            return new TokenCheck.Skipped(u.why());
        }
        if (lookup instanceof KeyLookup.Unknown u) {
            return new Failed(Reason.UNKNOWN_KEY, u.message());
        }
        if (lookup instanceof KeyLookup.Misfit m) {
            return new Failed(Reason.KEY_MISMATCH, m.message());
        }
        KeyLookup.Found key = (KeyLookup.Found) lookup;

        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(compact);
        } catch (ParseException e) {
            return malformed("not a compact JWS (" + Clip.of(e.getMessage()) + ")");
        }
        VerifiedSignature signature = verified == null ? null
                : new VerifiedSignature(sha256(compact), key.keyId(), key.verifier());
        if (signature == null || verified.getIfPresent(signature) == null) {
            try {
                if (!jwt.verify(key.verifier())) {
                    return new Failed(Reason.BAD_SIGNATURE, "signature does not verify");
                }
            } catch (JOSEException | RuntimeException e) {
                return new Failed(Reason.BAD_SIGNATURE, "signature does not verify (" + Clip.of(e.getMessage()) + ")");
            }
            if (signature != null) {
                verified.put(signature, Boolean.TRUE);
            }
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return malformed("the payload is not a valid JWT claims set (" + Clip.of(e.getMessage()) + ")");
        }
        Optional<Failed> failed = ClaimBinding.check(claims, subject)
                .or(() -> TokenLifetime.check(claims, clock.instant(), clockSkew));
        if (failed.isPresent()) {
            return failed.get();
        }
        return new TokenCheck.Verified(key.keyId(), claims.getIssuer());
    }

    private static String sha256(String compact) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(compact.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Failed refuseAlgorithm(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("NONE")) {
            return new Failed(Reason.ALGORITHM_NONE, "algorithm none refused");
        }
        if (upper.startsWith("HS")) {
            return new Failed(Reason.ALGORITHM_HMAC, "HMAC algorithm " + Clip.of(name)
                    + " refused: tokens must be signed with an asymmetric key");
        }
        return new Failed(Reason.ALGORITHM_NOT_ALLOWED, "algorithm " + Clip.of(name)
                + " is not allowed (allowed: EdDSA, ES256, RS256)");
    }

    private static Failed malformed(String detail) {
        return new Failed(Reason.MALFORMED, detail);
    }

    private static boolean base64url(String[] parts) {
        for (String p : parts) {
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
