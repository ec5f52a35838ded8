package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
    @Test
    void aDryRunListensOnLoopbackUnlessToldOtherwise() {
        assertEquals("127.0.0.1", ServerSettings.fromEnvironment(Map.of(), true).host());
        assertEquals("0.0.0.0", ServerSettings.fromEnvironment(Map.of("EVALBOT_HOST", "0.0.0.0"), true).host());
    }

    @Test
    void aLiveServerListensOnEveryInterfaceUnlessToldOtherwise() {
        assertEquals("0.0.0.0", ServerSettings.fromEnvironment(Map.of(), false).host());
        assertEquals("10.0.0.5", ServerSettings.fromEnvironment(Map.of("EVALBOT_HOST", "10.0.0.5"), false).host());
    }

    @Test
    void portComesFromPortThenEvalbotPort() {
        assertEquals(7860, ServerSettings.fromEnvironment(Map.of("PORT", "7860", "EVALBOT_PORT", "9000"), true).port());
        assertEquals(9000, ServerSettings.fromEnvironment(Map.of("EVALBOT_PORT", "9000"), true).port());
        assertEquals(8080, ServerSettings.fromEnvironment(Map.of(), true).port());
    }
}
