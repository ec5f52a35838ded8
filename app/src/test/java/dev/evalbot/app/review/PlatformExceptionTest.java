package dev.evalbot.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class PlatformExceptionTest {
    @Test
    void anUnreachablePlatformSaysWhyEvenWhenTheJdkGivesNoMessage() {
        ConnectException bare = new ConnectException();
        bare.initCause(new UnresolvedAddressException());
        PlatformException e = PlatformException.unreachable("the Hub (revision)", bare);
        assertEquals("cannot reach the Hub (revision): ConnectException (UnresolvedAddressException)", e.getMessage());
        assertTrue(e.retryable());
    }

    @Test
    void theFirstMessageInTheCausesIsUsedAndOnlyItsFirstLine() {
        IOException wrapped = new IOException(null, new IOException("Connection refused\n\tat somewhere"));
        assertEquals("cannot reach GitHub: Connection refused",
                PlatformException.unreachable("GitHub", wrapped).getMessage());
    }
}
