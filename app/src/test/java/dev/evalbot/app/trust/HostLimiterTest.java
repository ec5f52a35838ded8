package dev.evalbot.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostLimiterTest {
    @Test
    void twoPermitsPerHostAndTheMapEmptiesAfterwards() throws Exception {
        HostLimiter limiter = new HostLimiter(2);
        HostLimiter.Permit a = limiter.acquire("example.com", 0, TimeUnit.NANOSECONDS);
        HostLimiter.Permit b = limiter.acquire("example.com", 0, TimeUnit.NANOSECONDS);
        assertNotNull(a);
        assertNotNull(b);
        assertNull(limiter.acquire("example.com", 0, TimeUnit.NANOSECONDS), "a third check of the host waits");
        HostLimiter.Permit other = limiter.acquire("other.org", 0, TimeUnit.NANOSECONDS);
        assertNotNull(other, "other hosts are not held up");
        assertEquals(2, limiter.trackedHosts());

        a.close();
        a.close(); // closing twice gives back one permit, not two
        HostLimiter.Permit c = limiter.acquire("example.com", 0, TimeUnit.NANOSECONDS);
        assertNotNull(c);
        assertNull(limiter.acquire("example.com", 0, TimeUnit.NANOSECONDS));

        b.close();
        c.close();
        other.close();
        assertEquals(0, limiter.trackedHosts(), "no host is remembered once its checks are done");
    }
}
