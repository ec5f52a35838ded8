package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void valuesAreWrittenAsGivenWithoutNoise() {
        assertEquals("87.5", Formats.value(87.5));
        assertEquals("0.4123", Formats.value(0.4123));
        assertEquals("12", Formats.value(12.0));
        assertEquals("0", Formats.value(-0.0));
        assertEquals("-3.25", Formats.value(-3.25));
        assertEquals("1.0E-9", Formats.value(1e-9));
        assertEquals("0.1", Formats.value(0.1));
    }

    @Test
    void pathsEncodeEachSegment() {
        assertEquals("/leaderboards/cais/hle", BoardPaths.page("cais/hle"));
        assertEquals("/api/leaderboards/a%20b/c%2Bd", BoardPaths.api("a b/c+d"));
    }
}
