package dev.evalbot.app.trust;

import static dev.evalbot.app.trust.Keys.CLOCK;
import static dev.evalbot.app.trust.Keys.SUBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import dev.evalbot.app.trust.TokenCheck.Failed;
import dev.evalbot.app.trust.TokenCheck.Reason;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The native provider against the JDK's verifiers: same verdicts, same messages, the native one
 * used only where it loaded, and a clean fallback where it does not.
 */
class SignatureProviderTest {
    private static final Keys KEYS = new Keys();

    /** Every call verifies the signature (no cache of verified signatures). */
    static TokenVerifier verifier(com.nimbusds.jose.jwk.JWKSet keys, SignatureProvider provider) {
        return new TokenVerifier(new FileJwksSource(new KeyRing(keys, () -> provider)), CLOCK, Duration.ofSeconds(60), 0);
    }

    static boolean nativeExpectedHere() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    }

    private static String token(SigningAlgorithm alg) {
        return KEYS.issuer(alg).sign(SUBJECT, Duration.ofDays(30), "runner.example");
    }

    /** The token with its signature's bytes changed as {@code change} says. */
    private static String withSignature(String token, java.util.function.UnaryOperator<byte[]> change) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + parts[1] + "." + Base64URL.encode(change.apply(new Base64URL(parts[2]).decode()));
    }

    @Test
    void onLinuxX8664TheNativeProviderLoadsAndPassesItsSelfTests() {
        Assumptions.assumeTrue(nativeExpectedHere(), "the bundled native library is for linux-x86_64 only");
        SignatureProvider.Native preferred = assertInstanceOf(SignatureProvider.Native.class,
                SignatureProvider.preferred());
        assertEquals("AmazonCorrettoCryptoProvider", preferred.provider().getName());
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void theNativeProvidersVerifierIsUsedForEveryAlgorithm(SigningAlgorithm alg) {
        Assumptions.assumeTrue(SignatureProvider.preferred() instanceof SignatureProvider.Native);
        KeyRing ring = new KeyRing(KEYS.publicSet());
        JWSVerifier v = ((KeyLookup.Found) ring.find("k-" + alg.name().toLowerCase(Locale.ROOT), alg)).verifier();
        assertSame(((SignatureProvider.Native) SignatureProvider.preferred()).provider(), v.getJCAContext().getProvider());
        JWSVerifier jdk = ((KeyLookup.Found) new KeyRing(KEYS.publicSet(), SignatureProvider::jdk)
                .find("k-" + alg.name().toLowerCase(Locale.ROOT), alg)).verifier();
        assertNotSame(v, jdk);
        assertSame(v, ((KeyLookup.Found) ring.find("k-" + alg.name().toLowerCase(Locale.ROOT), alg)).verifier(),
                "built once per key");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void aGoodTokenVerifiesAndABadSignatureIsRefusedByBoth(SigningAlgorithm alg) {
        TokenVerifier jdk = verifier(KEYS.publicSet(), SignatureProvider.jdk());
        TokenVerifier preferred = verifier(KEYS.publicSet(), SignatureProvider.preferred());
        String good = token(alg);
        List<String> bad = List.of(
                withSignature(good, s -> flip(s, 0)),
                withSignature(good, s -> flip(s, s.length - 1)),
                withSignature(good, s -> Arrays.copyOf(s, s.length - 1)),
                withSignature(good, s -> Arrays.copyOf(s, s.length + 1)),
                withSignature(good, s -> new byte[s.length]), // all zero: r = s = 0 for ECDSA
                withSignature(good, s -> other(alg)));
        assertEquals(jdk.verify(SUBJECT, good), preferred.verify(SUBJECT, good));
        assertTrue(preferred.verify(SUBJECT, good).verified());
        for (String token : bad) {
            TokenCheck expected = jdk.verify(SUBJECT, token);
            Failed f = assertInstanceOf(Failed.class, expected);
            assertEquals(Reason.BAD_SIGNATURE, f.reason(), f::detail);
            assertEquals(expected, preferred.verify(SUBJECT, token));
        }
    }

    @Test
    void aNativeLibraryThatDoesNotLoadFallsBackToTheJdkAndTokensStillVerify() {
        SignatureProvider fallback = SignatureProvider.choose(() -> {
            throw new UnsatisfiedLinkError("no amazonCorrettoCryptoProvider in java.library.path");
        });
        SignatureProvider.Jdk jdk = assertInstanceOf(SignatureProvider.Jdk.class, fallback);
        assertTrue(jdk.why().contains("no amazonCorrettoCryptoProvider in java.library.path"), jdk.why());
        TokenVerifier verifier = verifier(KEYS.publicSet(), fallback);
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            assertEquals(new TokenCheck.Verified("k-" + alg.name().toLowerCase(Locale.ROOT), "runner.example"),
                    verifier.verify(SUBJECT, token(alg)));
            assertEquals(Reason.BAD_SIGNATURE, ((Failed) verifier.verify(SUBJECT,
                    withSignature(token(alg), s -> flip(s, 3)))).reason());
        }
    }

    @Test
    void aMissingProviderClassFallsBackToTheJdk() {
        assertInstanceOf(SignatureProvider.Jdk.class, SignatureProvider.choose(() -> {
            throw new NoClassDefFoundError("com/amazon/corretto/crypto/provider/AmazonCorrettoCryptoProvider");
        }));
    }

    @Test
    void theProviderIsNeverInstalledForTheRestOfTheProcess() {
        SignatureProvider.preferred();
        for (java.security.Provider p : java.security.Security.getProviders()) {
            assertTrue(!p.getName().contains("Corretto"), "installed globally: " + p);
        }
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    /** A valid signature by another key of the same kind over the same kind of token. */
    private static byte[] other(SigningAlgorithm alg) {
        String token = new TokenIssuer(TokenIssuer.generateKey(alg, "k-" + alg.name().toLowerCase(Locale.ROOT)), CLOCK)
                .sign(SUBJECT, Duration.ofDays(30), "runner.example");
        return new Base64URL(token.split("\\.")[2]).decode();
    }
}
