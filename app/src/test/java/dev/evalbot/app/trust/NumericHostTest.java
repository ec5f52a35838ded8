package dev.evalbot.app.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumericHostTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f.1", "017700000001", "127.1", "127.0.1", "0x7f000001", "0177.0.0.1",
            "0x7F.0.0.0x1", "127.0.0.1.", "0x7f.0x0.0x0.0x1"})
    void inetAtonReadsEveryFormOfLoopback(String host) {
        assertTrue(NumericHost.endsInNumber(host), host);
        assertArrayEquals(LOOPBACK, NumericHost.inetAton(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4.5", "256.0.0.1", "1.2.3.256", "08.0.0.1", "0x1g.0.0.1", "1..2", "4294967296",
            "1.16777216", "-1.0.0.1", "+1.0.0.1", "0x-1.0.0.0"})
    void inetAtonRefusesWhatIsNoAddress(String host) {
        assertNull(NumericHost.inetAton(host), host);
    }

    @Test
    void onlyPlainDottedQuadsAreCanonical() {
        assertTrue(NumericHost.isCanonicalDottedQuad("127.0.0.1"));
        assertTrue(NumericHost.isCanonicalDottedQuad("8.8.8.8"));
        assertFalse(NumericHost.isCanonicalDottedQuad("127.000.0.1"));
        assertFalse(NumericHost.isCanonicalDottedQuad("010.0.0.1"));
        assertFalse(NumericHost.isCanonicalDottedQuad("127.0.0.1."));
        assertFalse(NumericHost.isCanonicalDottedQuad("127.1"));
    }

    @Test
    void namesDoNotEndInANumber() {
        assertFalse(NumericHost.endsInNumber("example.com"));
        assertFalse(NumericHost.endsInNumber("arxiv.org"));
        assertFalse(NumericHost.endsInNumber("1password.com"));
        assertFalse(NumericHost.endsInNumber("0xdeadbeef.example"));
        assertTrue(NumericHost.endsInNumber("example.0x1f"));
        assertTrue(NumericHost.endsInNumber("foo.123"));
    }
}
