package dev.evalbot.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FetchRetryTest {
    private final FetchRetry policy = FetchRetry.DEFAULT;

    @Test
    void backoffDoublesAndIsCapped() {
        assertEquals(Optional.of(Duration.ofMillis(200)), policy.delayBefore(1, Optional.empty()));
        assertEquals(Optional.of(Duration.ofMillis(400)), policy.delayBefore(2, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.delayBefore(10, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.delayBefore(100, Optional.empty()));
    }

    @Test
    void retryAfterIsHonouredUpToTheCap() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.delayBefore(1, Optional.of(Duration.ofSeconds(1))));
        assertEquals(Optional.of(Duration.ofMillis(400)), policy.delayBefore(2, Optional.of(Duration.ZERO)));
        assertEquals(Optional.empty(), policy.delayBefore(1, Optional.of(Duration.ofSeconds(60))));
    }
}
