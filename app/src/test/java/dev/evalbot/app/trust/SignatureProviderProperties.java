package dev.evalbot.app.trust;

import static dev.evalbot.app.trust.Keys.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over generated keys, claims and corruptions: the native provider and the JDK give the same
 * verdict, with the same message, for every token; an untouched token verifies with both.
 */
class SignatureProviderProperties {
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** RSA key generation takes a good part of a second; two keys, generated once, serve every try. */
    private static final List<JWK> RSA_KEYS = List.of(TokenIssuer.generateKey(SigningAlgorithm.RS256, "k-rsa-1"),
            TokenIssuer.generateKey(SigningAlgorithm.RS256, "k-rsa-2"));

    /** Where to corrupt the token: a character position (modulo its length) and a replacement. */
    record Corruption(int position, char replacement) {}

    @Property(tries = 150)
    void bothProvidersGiveTheSameVerdict(@ForAll("keys") JWK key, @ForAll("subjects") TokenSubject signed,
            @ForAll("subjects") TokenSubject checked, @ForAll boolean sameSubject,
            @ForAll("corruptions") List<Corruption> corruptions) {
        JWKSet set = new JWKSet(key.toPublicJWK());
        TokenVerifier jdk = SignatureProviderTest.verifier(set, SignatureProvider.jdk());
        TokenVerifier preferred = SignatureProviderTest.verifier(set, SignatureProvider.preferred());
        String token = new TokenIssuer(key, CLOCK).sign(signed, Duration.ofDays(7), "runner.example");
        TokenSubject subject = sameSubject ? signed : checked;
        if (sameSubject) {
            assertTrue(preferred.verify(subject, token).verified(), () -> preferred.verify(subject, token).toString());
        }
        String corrupted = corrupt(token, corruptions);
        assertEquals(jdk.verify(subject, token), preferred.verify(subject, token));
        assertEquals(jdk.verify(subject, corrupted), preferred.verify(subject, corrupted), corrupted);
    }

    private static String corrupt(String token, List<Corruption> corruptions) {
        char[] chars = token.toCharArray();
        for (Corruption c : corruptions) {
            int i = Math.floorMod(c.position(), chars.length);
            if (chars[i] != '.') {
                chars[i] = c.replacement();
            }
        }
        return new String(chars);
    }

    @Provide
    Arbitrary<JWK> keys() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(SigningAlgorithm.EdDSA).map(a -> TokenIssuer.generateKey(a, "k-ed"))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(SigningAlgorithm.ES256).map(a -> TokenIssuer.generateKey(a, null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(RSA_KEYS)));
    }

    @Provide
    Arbitrary<TokenSubject> subjects() {
        Arbitrary<String> repo = Arbitraries.strings().alpha().numeric().withChars("-_./").ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> any = Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e6).ofScale(4),
                Arbitraries.of(0.0, 20.9, 1e-9, 100.0));
        Arbitrary<String> revision = Arbitraries.strings().withChars("0123456789abcdef").ofLength(7).injectNull(0.3);
        return Combinators.combine(repo, repo, any, value, revision).as(TokenSubject::new);
    }

    @Provide
    Arbitrary<List<Corruption>> corruptions() {
        Arbitrary<Corruption> one = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(BASE64URL.toCharArray())).as(Corruption::new);
        return one.list().ofMinSize(0).ofMaxSize(3);
    }
}
