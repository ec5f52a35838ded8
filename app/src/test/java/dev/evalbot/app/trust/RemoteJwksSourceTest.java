package dev.evalbot.app.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.evalbot.app.trust.Keys.NOW;
import static dev.evalbot.app.trust.Keys.SUBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.evalbot.app.store.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteJwksSourceTest {
    private static final Keys KEYS = new Keys();
    private static final String PATH = "/.well-known/jwks.json";

    private final MutableClock clock = new MutableClock(NOW);
    private WireMockServer server;
    private TokenVerifier verifier;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        serve(KEYS.publicSet());
        // The production path: configuration, an http URL allowed for this loopback port only.
        TrustConfig config = new TrustConfig("http://127.0.0.1:" + server.port() + PATH,
                AllowedHosts.of("127.0.0.1", server.port()), null, null, false, null);
        verifier = TokenVerifier.fromConfig(config, clock);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void serve(JWKSet set) {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(set.toString())));
    }

    private int fetches() {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(PATH)).build()).getCount();
    }

    private TokenCheck verifyWithKid(String kid) {
        JWK stranger = TokenIssuer.generateKey(SigningAlgorithm.EdDSA, kid);
        return verifier.verify(SUBJECT, new TokenIssuer(stranger, clock).sign(SUBJECT, null, null));
    }

    @Test
    void keysAreFetchedOnceAndCachedForTheTtl() {
        String token = KEYS.issuer(SigningAlgorithm.EdDSA, clock).sign(SUBJECT, null, null);
        for (int i = 0; i < 5; i++) {
            assertTrue(verifier.verify(SUBJECT, token).verified());
        }
        assertEquals(1, fetches());
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertTrue(verifier.verify(SUBJECT, KEYS.issuer(SigningAlgorithm.EdDSA, clock).sign(SUBJECT, null, null))
                .verified());
        assertEquals(2, fetches());
    }

    @Test
    void unknownKidRefetchesAtMostOncePerMinute() {
        assertTrue(verifier.verify(SUBJECT, KEYS.issuer(SigningAlgorithm.ES256, clock).sign(SUBJECT, null, null))
                .verified());
        assertEquals(1, fetches());

        assertEquals("signed by an unknown key (kid rotated-1)",
                verifyWithKid("rotated-1").message());
        assertEquals(2, fetches(), "the first unknown kid refetches");

        clock.advance(Duration.ofSeconds(59));
        verifyWithKid("rotated-2");
        assertEquals(2, fetches(), "a second unknown kid within the minute does not");

        clock.advance(Duration.ofSeconds(1));
        verifyWithKid("rotated-3");
        assertEquals(3, fetches(), "a minute later it may again");
    }

    @Test
    void rotatedKeyIsPickedUpByTheRefetch() {
        assertTrue(verifier.verify(SUBJECT, KEYS.issuer(SigningAlgorithm.EdDSA, clock).sign(SUBJECT, null, null))
                .verified());
        JWK rotated = TokenIssuer.generateKey(SigningAlgorithm.EdDSA, "2026-06");
        serve(new JWKSet(List.of(rotated.toPublicJWK())));
        TokenCheck check = verifier.verify(SUBJECT, new TokenIssuer(rotated, clock).sign(SUBJECT, null, null));
        assertEquals(new TokenCheck.Verified("2026-06", null), check);
        assertEquals(2, fetches());
    }

    @Test
    void unreachableKeySetSkipsAndIsRetriedAfterTheInterval() {
        server.resetAll();
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        String token = KEYS.issuer(SigningAlgorithm.EdDSA, clock).sign(SUBJECT, null, null);
        TokenCheck first = verifier.verify(SUBJECT, token);
        assertInstanceOf(TokenCheck.Skipped.class, first);
        assertTrue(first.message().contains("HTTP 503"), first.message());
        verifier.verify(SUBJECT, token);
        assertEquals(1, fetches(), "a failure is remembered, not retried per token");

        serve(KEYS.publicSet());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(verifier.verify(SUBJECT, token).verified());
        assertEquals(2, fetches());
    }

    @Test
    void plainHttpKeySetIsRefusedUnlessAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> TokenVerifier.fromConfig(
                new TrustConfig("http://127.0.0.1:" + server.port() + PATH, AllowedHosts.NONE, null, null, false,
                        null), clock));
        assertEquals("EVALBOT_VERIFY_JWKS must be an https URL, got http://127.0.0.1:" + server.port() + PATH,
                e.getMessage());
        TokenCheck offline = TokenVerifier.fromConfig(new TrustConfig("https://keys.example/jwks.json", null, null,
                null, true, null), clock).verify(SUBJECT, KEYS.issuer(SigningAlgorithm.EdDSA).sign(SUBJECT, null,
                null));
        assertEquals("not checked: offline: the key set at https://keys.example/jwks.json is not fetched",
                offline.message());
    }
}
