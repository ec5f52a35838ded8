package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    @Test
    void fourWorkersUnlessEvalbotWorkersSaysOtherwise() {
        assertEquals(4, WorkerConfig.fromEnvironment(Map.of()).threads());
        assertEquals(4, WorkerConfig.fromEnvironment(Map.of("EVALBOT_WORKERS", " ")).threads());
        assertEquals(2, WorkerConfig.fromEnvironment(Map.of("EVALBOT_WORKERS", " 2 ")).threads());
        assertEquals(WorkerConfig.DEFAULT.pollInterval(),
                WorkerConfig.fromEnvironment(Map.of("EVALBOT_WORKERS", "8")).pollInterval());
    }

    @Test
    void aValueOutOfRangeOrNotANumberNamesTheVariable() {
        for (String bad : new String[] {"0", "-1", "65", "two", "2.5"}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> WorkerConfig.fromEnvironment(Map.of("EVALBOT_WORKERS", bad)));
            assertEquals("EVALBOT_WORKERS must be a whole number from 1 to 64, got " + bad, e.getMessage());
        }
    }
}
