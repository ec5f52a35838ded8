package dev.evalbot.app.platform.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GitHub App's key (PKCS#1 as GitHub downloads it, or PKCS#8; text or file) and its cached installation tokens. */
class GitHubAuthTest {
    @TempDir
    Path tmp;
    WireMockServer github;
    KeyPair keys;

    @BeforeEach
    void setUp() throws Exception {
        github = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        github.start();
        github.stubFor(post(urlPathEqualTo("/app/installations/42/access_tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"ghs_installation\",\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\"}")));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @AfterEach
    void tearDown() {
        github.stop();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private GitHubAuth auth(String key) {
        var settings = new GitHubSettings("s", null, "1234", key, "http://127.0.0.1:" + github.port(), null, null,
                BudgetSettings.DEFAULT);
        return new GitHubAuth(settings, HttpClient.newHttpClient(), Clock.systemUTC());
    }

    @Test
    void pkcs1KeyFileMintsAnInstallationTokenOnceWithASignedAppJwt() throws Exception {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        // A 2048-bit RSA PKCS#8 structure is a 26-byte header around the PKCS#1 key GitHub hands out.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path file = Files.writeString(tmp.resolve("app.pem"), pem("RSA PRIVATE KEY", pkcs1));
        GitHubAuth auth = auth(file.toString());
        assertEquals("token ghs_installation", auth.authorization(42L));
        assertEquals("token ghs_installation", auth.authorization(42L));
        github.verify(1, postRequestedFor(urlPathEqualTo("/app/installations/42/access_tokens")));
        String bearer = github.findAll(postRequestedFor(urlPathEqualTo("/app/installations/42/access_tokens")))
                .get(0).getHeader("Authorization").substring("Bearer ".length());
        SignedJWT jwt = SignedJWT.parse(bearer);
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic())));
        assertEquals("1234", jwt.getJWTClaimsSet().getIssuer());
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().toInstant().isBefore(Instant.now().plusSeconds(601)));
    }

    @Test
    void pkcs8TextWorksAndGarbageIsAClearError() {
        assertEquals("token ghs_installation", auth(pem("PRIVATE KEY", keys.getPrivate().getEncoded())).authorization(42L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> auth("-----BEGIN nonsense"));
        assertTrue(e.getMessage().contains("GITHUB_APP_PRIVATE_KEY"), e.getMessage());
        assertTrue(!e.getMessage().contains("nonsense"), "the key material is never echoed");
    }
}
