package dev.evalbot.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustConfigTest {
    @Test
    void emptyEnvironmentGivesTheDefaults() {
        TrustConfig c = TrustConfig.fromEnvironment(Map.of());
        assertNull(c.jwksLocation());
        assertEquals(AllowedHosts.NONE, c.allowHosts());
        assertEquals(URI.create("https://huggingface.co"), c.hubEndpoint());
        assertEquals(URI.create("https://api.github.com"), c.githubApiUrl());
        assertFalse(c.offline());
        assertEquals(TrustConfig.Limits.DEFAULT, c.limits());
    }

    @Test
    void everyVariableIsRead() {
        TrustConfig c = TrustConfig.fromEnvironment(Map.of(
                "EVALBOT_VERIFY_JWKS", " /etc/evalbot/jwks.json ",
                "EVALBOT_VERIFY_JWKS_TTL", "PT2M",
                "EVALBOT_SOURCE_ALLOW_HOSTS", "127.0.0.1:8080, [::1]:9000,Localhost:1",
                "HF_ENDPOINT", "http://127.0.0.1:8080/",
                "GITHUB_API_URL", "http://127.0.0.1:8081",
                "EVALBOT_OFFLINE", "true"));
        assertEquals("/etc/evalbot/jwks.json", c.jwksLocation());
        assertEquals(Duration.ofMinutes(2), c.limits().jwksTtl());
        assertTrue(c.allowHosts().allows("127.0.0.1", 8080));
        assertTrue(c.allowHosts().allows("[::1]", 9000));
        assertTrue(c.allowHosts().allows("localhost", 1));
        assertFalse(c.allowHosts().allows("127.0.0.1", 8081));
        assertEquals(URI.create("http://127.0.0.1:8080"), c.hubEndpoint());
        assertTrue(c.offline());
    }

    @Test
    void malformedValuesNameTheirVariable() {
        assertEquals("EVALBOT_SOURCE_ALLOW_HOSTS: 'localhost' is not host:port", assertThrows(
                IllegalArgumentException.class,
                () -> TrustConfig.fromEnvironment(Map.of("EVALBOT_SOURCE_ALLOW_HOSTS", "localhost"))).getMessage());
        assertEquals("EVALBOT_OFFLINE must be true or false, got maybe", assertThrows(IllegalArgumentException.class,
                () -> TrustConfig.fromEnvironment(Map.of("EVALBOT_OFFLINE", "maybe"))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TrustConfig.fromEnvironment(Map.of("HF_ENDPOINT", "file:///etc")));
        assertThrows(IllegalArgumentException.class,
                () -> TrustConfig.fromEnvironment(Map.of("EVALBOT_VERIFY_JWKS_TTL", "ten minutes")));
    }
}
