package dev.evalbot.app.trust;

import static dev.evalbot.app.trust.Keys.CLOCK;
import static dev.evalbot.app.trust.Keys.NOW;
import static dev.evalbot.app.trust.Keys.SUBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.trust.TokenCheck.Failed;
import dev.evalbot.app.trust.TokenCheck.Reason;
import dev.evalbot.rules.model.DatasetRef;
import dev.evalbot.rules.model.ResultEntry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenVerifierTest {
    private static final Keys KEYS = new Keys();
    private static final TokenSubject NO_REVISION = new TokenSubject("acme/model-7b", "cais/hle", "hle", 20.9, null);
    private final TokenVerifier verifier = KEYS.verifier();

    private static TokenSubject subject(String model, String dataset, String task, String revision) {
        return new TokenSubject(model, dataset, task, 20.9, revision);
    }

    private static TokenSubject value(double v) {
        return new TokenSubject("acme/model-7b", "cais/hle", "hle", v, "a3c98f7");
    }

    private static String token(SigningAlgorithm alg, TokenSubject subject) {
        return KEYS.issuer(alg).sign(subject, Duration.ofDays(30), "runner.example");
    }

    private static Failed failed(TokenCheck check, Reason reason) {
        Failed f = assertInstanceOf(Failed.class, check, check::toString);
        assertEquals(reason, f.reason(), f::detail);
        return f;
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void validTokenVerifiesWithEachAlgorithm(SigningAlgorithm alg) {
        TokenCheck check = verifier.verify(SUBJECT, token(alg, SUBJECT));
        assertEquals(new TokenCheck.Verified("k-" + alg.name().toLowerCase(), "runner.example"), check);
        assertTrue(check.verified());
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void tamperedPayloadDoesNotVerify(SigningAlgorithm alg) {
        String[] parts = token(alg, SUBJECT).split("\\.");
        String payload = new Base64URL(parts[1]).decodeToString().replace("20.9", "29.9");
        String forged = parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals("signature does not verify", failed(verifier.verify(value(29.9), forged),
                Reason.BAD_SIGNATURE).detail());
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void aTokenVerifiedBeforeStillHasItsClaimsAndLifetimeChecked(SigningAlgorithm alg) {
        MutableClock clock = new MutableClock(NOW);
        TokenVerifier cached = new TokenVerifier(new FileJwksSource(new KeyRing(KEYS.publicSet())), clock,
                Duration.ofSeconds(60), TokenVerifier.VERIFIED_CACHE_SIZE);
        String token = KEYS.issuer(alg).sign(SUBJECT, Duration.ofDays(1), "runner.example");
        assertTrue(cached.verify(SUBJECT, token).verified());
        assertTrue(cached.verify(SUBJECT, token).verified(), "verified again, from the cache");
        failed(cached.verify(value(21.3), token), Reason.WRONG_VALUE);
        clock.advance(Duration.ofDays(2));
        failed(cached.verify(SUBJECT, token), Reason.EXPIRED);
    }

    @Test
    void aRotatedKeyOfTheSameIdNeverMatchesASignatureVerifiedWithTheOldOne() {
        String token = token(SigningAlgorithm.ES256, SUBJECT);
        FileJwksSource original = new FileJwksSource(new KeyRing(KEYS.publicSet()));
        FileJwksSource rotated = new FileJwksSource(new KeyRing(new com.nimbusds.jose.jwk.JWKSet(
                TokenIssuer.generateKey(SigningAlgorithm.ES256, "k-es256").toPublicJWK())));
        java.util.concurrent.atomic.AtomicReference<JwksSource> current = new java.util.concurrent.atomic.AtomicReference<>(
                original);
        TokenVerifier cached = new TokenVerifier((kid, alg) -> current.get().find(kid, alg), CLOCK, Duration.ofSeconds(60),
                TokenVerifier.VERIFIED_CACHE_SIZE);
        assertTrue(cached.verify(SUBJECT, token).verified());
        current.set(rotated); // the key set was re-read: same kid, another key
        failed(cached.verify(SUBJECT, token), Reason.BAD_SIGNATURE);
        current.set(original);
        assertTrue(cached.verify(SUBJECT, token).verified());
    }

    @Test
    void keyOfTheSameIdButAnotherPairDoesNotVerify() {
        JWK impostor = TokenIssuer.generateKey(SigningAlgorithm.EdDSA, "k-eddsa");
        String token = new TokenIssuer(impostor, CLOCK).sign(SUBJECT, null, null);
        failed(verifier.verify(SUBJECT, token), Reason.BAD_SIGNATURE);
    }

    @Test
    void unknownKeyIdIsNamed() {
        String token = new TokenIssuer(TokenIssuer.generateKey(SigningAlgorithm.ES256, "abc"), CLOCK)
                .sign(SUBJECT, null, null);
        assertEquals("signed by an unknown key (kid abc)", failed(verifier.verify(SUBJECT, token),
                Reason.UNKNOWN_KEY).detail());
    }

    @Test
    void algorithmNoneIsRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\"}").toString();
        String payload = Base64URL.encode(claims(SUBJECT).toString()).toString();
        Failed f = failed(verifier.verify(SUBJECT, header + "." + payload + "."), Reason.ALGORITHM_NONE);
        assertEquals("algorithm none refused", f.detail());
        failed(verifier.verify(SUBJECT, Base64URL.encode("{\"alg\":\"NoNe\",\"kid\":\"k-eddsa\"}") + "." + payload
                + "." + Base64URL.encode("x")), Reason.ALGORITHM_NONE);
    }

    @Test
    void hmacKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic confusion attack: HS256 whose "secret" is the verifier's public RSA key.
        RSAKey publicKey = KEYS.key(SigningAlgorithm.RS256).toPublicJWK().toRSAKey();
        byte[] secret = publicKey.toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
                claims(SUBJECT));
        jwt.sign(new MACSigner(secret));
        assertEquals("HMAC algorithm HS256 refused: tokens must be signed with an asymmetric key",
                failed(verifier.verify(SUBJECT, jwt.serialize()), Reason.ALGORITHM_HMAC).detail());
        SignedJWT pem = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).build(), claims(SUBJECT));
        pem.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));
        failed(verifier.verify(SUBJECT, pem.serialize()), Reason.ALGORITHM_HMAC);
    }

    @Test
    void algorithmsOutsideTheAllowListAreRefused() {
        String token = Base64URL.encode("{\"alg\":\"PS256\",\"kid\":\"k-rs256\"}") + "."
                + Base64URL.encode(claims(SUBJECT).toString()) + "." + Base64URL.encode("sig");
        assertEquals("algorithm PS256 is not allowed (allowed: EdDSA, ES256, RS256)",
                failed(verifier.verify(SUBJECT, token), Reason.ALGORITHM_NOT_ALLOWED).detail());
    }

    @Test
    void headerNamingAnotherKeyTypeIsAMismatchNotASignatureCheck() {
        // A valid Ed25519 token relabelled to point at the EC key: never handed to the EC verifier.
        String[] parts = token(SigningAlgorithm.EdDSA, SUBJECT).split("\\.");
        String header = Base64URL.encode("{\"alg\":\"EdDSA\",\"kid\":\"k-es256\"}").toString();
        assertEquals("key k-es256 is an EC P-256 key, but the token says EdDSA",
                failed(verifier.verify(SUBJECT, header + "." + parts[1] + "." + parts[2]), Reason.KEY_MISMATCH)
                        .detail());
    }

    @Test
    void textFromTheTokenIsClippedInMessages() {
        String kid = "k".repeat(5000);
        String token = new TokenIssuer(TokenIssuer.generateKey(SigningAlgorithm.EdDSA, kid), CLOCK)
                .sign(SUBJECT, null, null);
        String detail = failed(verifier.verify(SUBJECT, token), Reason.UNKNOWN_KEY).detail();
        assertTrue(detail.length() < 120, detail);
    }

    @Test
    void notACompactJws() {
        for (String junk : new String[] {"abc", "a.b", "a.b.c.d", "eyJ.e30.!!", "....", "%%%.e30.x"}) {
            assertTrue(failed(verifier.verify(SUBJECT, junk), Reason.MALFORMED).detail()
                    .startsWith("not a compact JWS"), junk);
        }
        assertInstanceOf(TokenCheck.Absent.class, verifier.verify(SUBJECT, "  "));
    }

    @Test
    void expiredTokenSaysWhen() {
        Clock issued = Clock.fixed(Instant.parse("2025-12-01T00:00:00Z"), ZoneOffset.UTC);
        String token = KEYS.issuer(SigningAlgorithm.EdDSA, issued).sign(SUBJECT, Duration.ofDays(31), null);
        assertEquals("expired on 2026-01-01T00:00:00Z", failed(verifier.verify(SUBJECT, token), Reason.EXPIRED)
                .detail());
    }

    @Test
    void issuedInTheFutureIsRefusedBeyondTheSkew() {
        Clock ahead = Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC);
        String token = KEYS.issuer(SigningAlgorithm.ES256, ahead).sign(SUBJECT, null, null);
        assertEquals("issued in the future, at 2026-06-01T12:01:01Z",
                failed(verifier.verify(SUBJECT, token), Reason.ISSUED_IN_FUTURE).detail());
    }

    @Test
    void clockSkewOfAMinuteIsTolerated() {
        Clock slightlyAhead = Clock.fixed(NOW.plusSeconds(59), ZoneOffset.UTC);
        assertTrue(verifier.verify(SUBJECT, KEYS.issuer(SigningAlgorithm.EdDSA, slightlyAhead)
                .sign(SUBJECT, null, null)).verified());
        Clock earlier = Clock.fixed(NOW.minusSeconds(3600), ZoneOffset.UTC);
        String justExpired = KEYS.issuer(SigningAlgorithm.EdDSA, earlier).sign(SUBJECT, Duration.ofSeconds(3550), null);
        assertTrue(verifier.verify(SUBJECT, justExpired).verified());
    }

    @Test
    void tokenWithoutIssuedAtIsRefused() throws Exception {
        JWTClaimsSet noIat = new JWTClaimsSet.Builder(claims(SUBJECT)).issueTime(null).build();
        assertEquals("the token has no iat (issued-at) claim",
                failed(verifier.verify(SUBJECT, signed(noIat)), Reason.MISSING_CLAIM).detail());
    }

    @Test
    void eachBindingHasItsOwnReason() {
        String token = token(SigningAlgorithm.EdDSA, SUBJECT);
        assertEquals("token is for model acme/model-7b, this PR is on model other/model",
                detail(subject("other/model", "cais/hle", "hle", "a3c98f7"), token, Reason.WRONG_MODEL));
        assertEquals("token is for dataset cais/hle, this entry is on dataset Idavidrein/gpqa",
                detail(subject("acme/model-7b", "Idavidrein/gpqa", "hle", "a3c98f7"), token, Reason.WRONG_DATASET));
        assertEquals("token is for task hle, this entry reports task hle_text",
                detail(subject("acme/model-7b", "cais/hle", "hle_text", "a3c98f7"), token, Reason.WRONG_TASK));
        assertEquals("value 21.3 in the file, 20.9 in the token", detail(value(21.3), token, Reason.WRONG_VALUE));
        assertEquals("token is for dataset revision a3c98f7, this entry names revision 0000000",
                detail(subject("acme/model-7b", "cais/hle", "hle", "0000000"), token, Reason.WRONG_REVISION));
        assertEquals("token is for dataset revision a3c98f7, this entry names no revision",
                detail(NO_REVISION, token, Reason.WRONG_REVISION));
    }

    private String detail(TokenSubject subject, String token, Reason reason) {
        return failed(verifier.verify(subject, token), reason).detail();
    }

    @Test
    void valueEqualWithinTheToleranceAndRevisionOptional() {
        String token = token(SigningAlgorithm.RS256, NO_REVISION);
        assertTrue(verifier.verify(value(20.9 + 5e-10), token).verified());
        // A token without a revision binds any revision the entry names.
        assertTrue(verifier.verify(SUBJECT, token).verified());
        failed(verifier.verify(value(20.9 + 2e-9), token), Reason.WRONG_VALUE);
    }

    @Test
    void valueClaimMustBeANumber() throws Exception {
        JWTClaimsSet text = new JWTClaimsSet.Builder(claims(SUBJECT)).claim("value", "20.9").build();
        assertEquals("the token's value claim is not a number",
                failed(verifier.verify(SUBJECT, signed(text)), Reason.BAD_CLAIM).detail());
    }

    @Test
    void withoutAKeySetTheCheckIsSkipped() {
        TokenVerifier none = new TokenVerifier(JwksSource.none("no key set configured (EVALBOT_VERIFY_JWKS)"), CLOCK);
        TokenCheck check = none.verify(SUBJECT, token(SigningAlgorithm.EdDSA, SUBJECT));
        assertEquals(new TokenCheck.Skipped("no key set configured (EVALBOT_VERIFY_JWKS)"), check);
    }

    @Test
    void entriesBuildTheirSubject() {
        String token = token(SigningAlgorithm.EdDSA, SUBJECT);
        ResultEntry entry = new ResultEntry(1, 1, new DatasetRef("cais/hle", "hle", null, null, "a3c98f7"), "hle",
                20.9, null, null, null, token);
        assertTrue(verifier.check("acme/model-7b", entry).verified());
        ResultEntry noValue = new ResultEntry(1, 1, entry.dataset(), "hle", null, null, null, null, token);
        failed(verifier.check("acme/model-7b", noValue), Reason.ENTRY_INCOMPLETE);
        ResultEntry noToken = new ResultEntry(1, 1, entry.dataset(), "hle", 20.9, null, null, null, null);
        assertInstanceOf(TokenCheck.Absent.class, verifier.check("acme/model-7b", noToken));
    }

    private static JWTClaimsSet claims(TokenSubject s) {
        return new JWTClaimsSet.Builder().subject(s.modelRepo()).claim("dataset", s.datasetId())
                .claim("task_id", s.taskId()).claim("value", s.value()).issueTime(Date.from(NOW)).build();
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        JWK key = KEYS.key(SigningAlgorithm.EdDSA);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).build(), claims);
        jwt.sign(SigningAlgorithm.EdDSA.signer(key));
        return jwt.serialize();
    }
}
