package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseSettingsTest {
    @Test
    void defaultsAreShortLeasesRenewedOftenWithoutAName() {
        LeaseSettings s = LeaseSettings.fromEnvironment(Map.of());
        assertEquals(Duration.ofSeconds(8), s.lease());
        assertEquals(Duration.ofSeconds(2), s.heartbeat());
        assertNull(s.replicaId());
        assertEquals("abc", s.token("abc"));
    }

    @Test
    void readsTheVariablesAndNamesTheTokens() {
        LeaseSettings s = LeaseSettings.fromEnvironment(Map.of("EVALBOT_LEASE_SECONDS", "6",
                "EVALBOT_HEARTBEAT_SECONDS", "1.5", "EVALBOT_REPLICA_ID", "evalbot-0"));
        assertEquals(Duration.ofSeconds(6), s.lease());
        assertEquals(Duration.ofMillis(1500), s.heartbeat());
        assertEquals("evalbot-0/abc", s.token("abc"));
        // Only the lease set: the heartbeat follows it.
        assertEquals(Duration.ofSeconds(5), LeaseSettings.fromEnvironment(Map.of("EVALBOT_LEASE_SECONDS", "20"))
                .heartbeat());
    }

    @Test
    void refusesWhatCouldLoseALiveClaimOrIsMalformed() {
        var e = assertThrows(IllegalArgumentException.class, () -> LeaseSettings.fromEnvironment(Map.of(
                "EVALBOT_LEASE_SECONDS", "4", "EVALBOT_HEARTBEAT_SECONDS", "3")));
        assertTrue(e.getMessage().contains("at most half"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LeaseSettings.fromEnvironment(Map.of("EVALBOT_LEASE_SECONDS", "soon")));
        assertTrue(e.getMessage().contains("EVALBOT_LEASE_SECONDS"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LeaseSettings.fromEnvironment(Map.of("EVALBOT_LEASE_SECONDS", "-1")));
        e = assertThrows(IllegalArgumentException.class,
                () -> LeaseSettings.fromEnvironment(Map.of("EVALBOT_REPLICA_ID", "a/b")));
        assertTrue(e.getMessage().contains("EVALBOT_REPLICA_ID"), e.getMessage());
    }
}
