package dev.evalbot.app.platform.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.store.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubPermissionsTest {
    FakeHub hub;
    MutableClock clock;
    HubPermissions permissions;

    @BeforeEach
    void setUp() {
        hub = new FakeHub("model", "open-lab/gpt-small", 1);
        hub.members("open-lab", Map.of("alice", "admin", "Bob", "write", "carol", "read", "dan", "contributor"));
        clock = MutableClock.atDefaultStart();
        permissions = new HubPermissions(new HubSettings("s", hub.url(), "hf_test"), HubPipelineTest.http(),
                new SimpleMeterRegistry(), clock);
    }

    @AfterEach
    void tearDown() {
        hub.close();
    }

    @Test
    void theOwnerOfAUserNamespaceIsAllowedWithoutAsking() {
        assertTrue(permissions.allowed("julien-c/my-model", "Julien-C"));
        assertEquals(0, hub.count("GET", "/api/organizations/.*"));
    }

    @Test
    void organisationMembersWithWriteOrAdminAreAllowed() {
        assertTrue(permissions.allowed("open-lab/gpt-small", "alice"));
        assertTrue(permissions.allowed("open-lab/gpt-small", "bob"));
    }

    @Test
    void strangersAndReadOnlyMembersAreRefused() {
        assertFalse(permissions.allowed("open-lab/gpt-small", "mallory"));
        assertFalse(permissions.allowed("open-lab/gpt-small", "carol"));
        assertFalse(permissions.allowed("open-lab/gpt-small", "dan"));
        assertFalse(permissions.allowed("open-lab/gpt-small", null));
        // Someone else's user namespace: the Hub has no such organisation (404).
        assertFalse(permissions.allowed("julien-c/my-model", "alice"));
    }

    @Test
    void answersAreCachedForAMinute() {
        permissions.allowed("open-lab/gpt-small", "alice");
        permissions.allowed("open-lab/gpt-small", "mallory");
        assertEquals(1, hub.count("GET", "/api/organizations/open-lab/members"));
        clock.advance(Duration.ofSeconds(61));
        permissions.allowed("open-lab/gpt-small", "alice");
        assertEquals(2, hub.count("GET", "/api/organizations/open-lab/members"));
    }

    @Test
    void aFailedLookupIsRetryableAndNotCached() {
        hub.failNext(1, 503, Map.of());
        assertTrue(assertThrows(PlatformException.class, () -> permissions.allowed("open-lab/gpt-small", "alice")).retryable());
        assertTrue(permissions.allowed("open-lab/gpt-small", "alice"));
    }

    @Test
    void theLookupIsInjectable() {
        var fixed = new HubPermissions(org -> Map.of("eve", "write"), clock);
        assertTrue(fixed.allowed("any-org/repo", "eve"));
        assertFalse(fixed.allowed("any-org/repo", "frank"));
    }
}
