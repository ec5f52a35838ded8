package dev.evalbot.app.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.rules.check.Severity;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reachability through an allowed loopback WireMock, and the cache, with a clock moved by hand. */
class SourceCheckerTest {
    private final FakeResolver dns = new FakeResolver();
    private final MutableClock clock = new MutableClock(Keys.NOW);
    private WireMockServer server;
    private SourceChecker checker;
    private String base;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        base = "http://127.0.0.1:" + server.port();
        checker = new SourceChecker(config(false), dns, clock);
    }

    @AfterEach
    void stop() {
        server.stop();
        assertEquals(List.of(), dns.lookups, "IP literal hosts never need DNS");
    }

    private TrustConfig config(boolean offline) {
        return new TrustConfig(null, AllowedHosts.of("127.0.0.1", server.port()), null, null, offline, null);
    }

    private int requests() {
        return server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    @Test
    void reachablePageAnswersHead() {
        server.stubFor(head(urlEqualTo("/paper")).willReturn(aResponse().withStatus(200)));
        SourceCheck check = checker.check(base + "/paper");
        assertEquals(new SourceCheck.Reachable(200), check);
        assertEquals(Optional.empty(), check.severity());
    }

    @Test
    void missingPageIsNotFound() {
        server.stubFor(head(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
        server.stubFor(head(urlEqualTo("/removed")).willReturn(aResponse().withStatus(410)));
        SourceCheck check = checker.check(base + "/gone");
        assertEquals(new SourceCheck.NotFound(404, "page not found"), check);
        assertEquals(Optional.of(Severity.WARNING), check.severity());
        assertEquals(new SourceCheck.NotFound(410, "page not found"), checker.check(base + "/removed"));
    }

    @Test
    void serverErrorIsUnreachableWithTheStatus() {
        server.stubFor(head(urlEqualTo("/boom")).willReturn(aResponse().withStatus(500)));
        assertEquals(new SourceCheck.Unreachable("127.0.0.1:" + server.port() + " answered HTTP 500"),
                checker.check(base + "/boom"));
    }

    @Test
    void headRefusedThenARangedGet() {
        server.stubFor(head(urlEqualTo("/no-head")).willReturn(aResponse().withStatus(405)));
        server.stubFor(get(urlEqualTo("/no-head")).withHeader("Range", equalTo("bytes=0-0"))
                .willReturn(aResponse().withStatus(206).withBody("x")));
        assertEquals(new SourceCheck.Reachable(206), checker.check(base + "/no-head"));
        server.verify(1, getRequestedFor(urlEqualTo("/no-head")).withHeader("Range", equalTo("bytes=0-0")));
    }

    @Test
    void bigBodyIsReadOnlyUpToTheCap() {
        server.stubFor(head(urlEqualTo("/big")).willReturn(aResponse().withStatus(403)));
        // A server that ignores Range and sends a megabyte: the check still answers.
        server.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200).withBody(new byte[1 << 20])));
        assertEquals(new SourceCheck.Reachable(200), checker.check(base + "/big"));
    }

    @Test
    void threeRedirectsAreFollowedAFourthIsNot() {
        for (int i = 1; i <= 4; i++) {
            server.stubFor(head(urlEqualTo("/r" + i)).willReturn(aResponse().withStatus(i % 2 == 0 ? 301 : 302)
                    .withHeader("Location", "/r" + (i + 1))));
        }
        server.stubFor(head(urlEqualTo("/r5")).willReturn(aResponse().withStatus(200)));
        assertEquals(new SourceCheck.Reachable(200), checker.check(base + "/r2"));
        assertEquals(new SourceCheck.Unreachable("more than 3 redirects (last to /r5)"), checker.check(base + "/r1"));
    }

    @Test
    void reachableIsCachedForAnHourOtherOutcomesForFiveMinutes() {
        server.stubFor(head(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200)));
        server.stubFor(head(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)));
        checker.check(base + "/ok");
        checker.check(base + "/missing");
        checker.check(base + "/ok");
        checker.check(base + "/missing");
        assertEquals(2, requests());

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        checker.check(base + "/ok");
        checker.check(base + "/missing");
        assertEquals(3, requests(), "only the unreachable outcome expired");

        clock.advance(Duration.ofHours(1));
        checker.check(base + "/ok");
        assertEquals(4, requests());
    }

    @Test
    void offlineSkipsWithoutARequestAndIsNotCached() {
        SourceChecker offline = new SourceChecker(config(true), dns, clock);
        SourceCheck check = offline.check(base + "/paper");
        assertEquals(new SourceCheck.Skipped("offline"), check);
        assertEquals(Optional.of(Severity.NOTICE), check.severity());
        assertEquals(0, requests());
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SourceChecker c = new SourceChecker(new TrustConfig(null, AllowedHosts.of("127.0.0.1", port), null, null,
                false, null), dns, clock);
        assertEquals(new SourceCheck.Unreachable("connection to 127.0.0.1:" + port + " refused"),
                c.check("http://127.0.0.1:" + port + "/"));
    }

    @Test
    void silentServerIsCutOffAtTheDeadline() throws Exception {
        // Accepts the connection (the kernel does), never answers: the check's deadline ends it.
        TrustConfig.Limits d = TrustConfig.Limits.DEFAULT;
        TrustConfig.Limits quick = new TrustConfig.Limits(Duration.ofMillis(300), Duration.ofMillis(300),
                d.maxRedirects(), d.maxBodyBytes(), d.perHostConcurrency(), d.reachableTtl(), d.unreachableTtl(),
                d.maxCachedSources(), d.jwksTtl(), d.jwksRefetchInterval(), d.maxJwksBytes(), d.clockSkew());
        try (Tripwire silent = new Tripwire()) {
            SourceChecker c = new SourceChecker(new TrustConfig(null, AllowedHosts.of("127.0.0.1", silent.port()),
                    null, null, false, quick), dns, clock);
            assertEquals(new SourceCheck.Unreachable("no answer within 300 ms"),
                    c.check("http://127.0.0.1:" + silent.port() + "/"));
            assertTrue(silent.touched());
        }
    }

    @Test
    void invalidUrlsSayWhy() {
        assertTrue(checker.check("https://exa mple.com/") instanceof SourceCheck.Invalid);
        assertEquals(new SourceCheck.Invalid("not a valid port: 99999"), checker.check("https://example.com:99999/"));
        assertEquals(new SourceCheck.Invalid("the host name is not ASCII; write it in its xn-- (punycode) form"),
                checker.check("https://bücher.example/"));
    }

    @Test
    void tripwireSeesAConnection() throws Exception {
        // The SSRF tests rely on this: a connection made to the tripwire is detected.
        try (Tripwire trip = new Tripwire(); Socket ignored = new Socket("127.0.0.1", trip.port())) {
            assertTrue(trip.touched());
        }
    }
}
