package dev.evalbot.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.evalbot.app.store.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cited-log cache, with a clock moved by hand: no request within the TTL, a free 304 after it. */
class CitedLogsCacheTest {
    static final Path REAL = Path.of("../rules/src/test/resources/logs/inspect");
    final MutableClock clock = new MutableClock(Keys.NOW);
    LogServer server;
    CitedLogs logs;

    @BeforeEach
    void start() throws Exception {
        server = new LogServer().serve("/datasets/o/logs/resolve/main/run.eval", Files.readAllBytes(REAL.resolve("popularity.eval")))
                .serve("/datasets/o/logs/resolve/0123456789abcdef0123456789abcdef01234567/run.eval",
                        Files.readAllBytes(REAL.resolve("popularity.eval")))
                .serve("/run.json", Files.readAllBytes(REAL.resolve("log_formats.json")));
        URI base = URI.create(server.base());
        logs = new CitedLogs(new TrustConfig(null, AllowedHosts.of("127.0.0.1", server.port()), base, base, false, null),
                LogReadLimits.DEFAULT, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void afterTheTtlAnUnchangedLogCostsOneBodilessRequest() {
        for (String url : new String[] {"https://huggingface.co/datasets/o/logs/resolve/main/run.eval",
                server.base() + "/run.json"}) {
            assertInstanceOf(CitedLog.Read.class, logs.read(url).orElseThrow());
            int requests = server.requests.get();
            long bytes = server.bytesServed.get();
            clock.advance(Duration.ofMinutes(59));
            assertInstanceOf(CitedLog.Read.class, logs.read(url).orElseThrow());
            assertEquals(requests, server.requests.get(), url + ": within the TTL, nothing is asked");
            clock.advance(Duration.ofMinutes(2));
            assertInstanceOf(CitedLog.Read.class, logs.read(url).orElseThrow());
            assertEquals(requests + 1, server.requests.get(), url + ": one conditional request");
            assertEquals(bytes, server.bytesServed.get(), url + ": answered 304, no body");
        }
    }

    @Test
    void aHubLinkAtACommitIsNeverAskedAgainWhileCached() {
        String url = "https://huggingface.co/datasets/o/logs/blob/0123456789abcdef0123456789abcdef01234567/run.eval";
        assertInstanceOf(CitedLog.Read.class, logs.read(url).orElseThrow());
        int requests = server.requests.get();
        clock.advance(Duration.ofDays(30));
        assertInstanceOf(CitedLog.Read.class, logs.read(url).orElseThrow());
        assertEquals(requests, server.requests.get());
    }

    @Test
    void aLinkThatNamesNoLogIsNotRead() {
        assertEquals(java.util.Optional.empty(), logs.read("https://arxiv.org/abs/2501.00001"));
        assertEquals(0, server.requests.get());
    }
}
