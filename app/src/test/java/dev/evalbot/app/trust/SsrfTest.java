package dev.evalbot.app.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.evalbot.app.store.MutableClock;
import java.net.Inet6Address;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal happens before a packet leaves for the target: the tripwire port sees no
 * connection, the fake resolver is not asked for IP literals, the loopback WireMock sees only
 * what the test allowed.
 */
class SsrfTest {
    private final FakeResolver dns = new FakeResolver();
    private final MutableClock clock = new MutableClock(Keys.NOW);
    private Tripwire trip;
    private WireMockServer server;
    private SourceChecker checker;

    @BeforeEach
    void start() {
        trip = new Tripwire();
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        TrustConfig config = new TrustConfig(null, AllowedHosts.of("127.0.0.1", server.port()), null, null, false,
                null);
        checker = new SourceChecker(config, dns, clock);
    }

    @AfterEach
    void stop() throws Exception {
        assertFalse(trip.touched(), "a connection reached the tripwire");
        server.stop();
        trip.close();
    }

    private String unsafe(String url) {
        SourceCheck check = checker.check(url);
        assertInstanceOf(SourceCheck.Unsafe.class, check, url + " -> " + check);
        assertEquals(java.util.Optional.of(dev.evalbot.rules.check.Severity.ERROR), check.severity());
        return check.message();
    }

    private int wiremockRequests() {
        return server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    @Test
    void loopbackAndPrivateLiteralsAreRefusedWithoutALookup() {
        int p = trip.port();
        assertEquals("127.0.0.1 is a loopback address", unsafe("https://127.0.0.1:" + p + "/"));
        assertEquals("::1 is a loopback address", unsafe("https://[::1]:" + p + "/"));
        assertEquals("169.254.169.254 is the cloud metadata address",
                unsafe("https://169.254.169.254/latest/meta-data/"));
        assertEquals("10.0.0.1 is a private address (10.0.0.0/8)", unsafe("https://10.0.0.1/"));
        assertEquals("::ffff:127.0.0.1 is a loopback address", unsafe("https://[::ffff:127.0.0.1]:" + p + "/"));
        assertEquals("fe80::1 is a link-local address (fe80::/10)", unsafe("https://[fe80::1]/"));
        assertEquals("0.0.0.0 is the unspecified address", unsafe("https://0.0.0.0:" + p + "/"));
        assertEquals("127.0.0.1 is a loopback address", unsafe("https://127.0.0.1.:" + p + "/"));
        assertEquals(List.of(), dns.lookups);
        assertEquals(0, wiremockRequests());
    }

    @Test
    void numericHostFormsAreRefusedAndExplained() {
        int p = trip.port();
        assertEquals("host 2130706433 is a non-standard numeric form of 127.0.0.1; only plain dotted quads are"
                + " accepted", unsafe("https://2130706433:" + p + "/"));
        assertEquals("host 0x7f.1 is a non-standard numeric form of 127.0.0.1; only plain dotted quads are"
                + " accepted", unsafe("https://0x7f.1:" + p + "/"));
        assertTrue(unsafe("https://017700000001:" + p + "/").contains("of 127.0.0.1"));
        assertTrue(unsafe("https://127.1:" + p + "/").contains("of 127.0.0.1"));
        assertTrue(unsafe("https://0177.0.0.01:" + p + "/").contains("of 127.0.0.1"));
        // Non-canonical even when public: no legitimate link is written this way.
        assertTrue(unsafe("https://0x8.0x8.0x8.0x8/").contains("of 8.8.8.8"));
        assertEquals("host foo.123 looks numeric but is not an address", unsafe("https://foo.123/"));
        assertEquals(List.of(), dns.lookups);
    }

    @Test
    void nameResolvingToLoopbackIsRefusedBeforeConnecting() {
        dns.answer("evil.test", "127.0.0.1");
        assertEquals("evil.test resolves to 127.0.0.1, a loopback address",
                unsafe("https://evil.test:" + trip.port() + "/"));
        assertEquals(List.of("evil.test"), dns.lookups);
    }

    @Test
    void onePrivateAnswerAmongPublicOnesIsEnough() {
        dns.answer("rebind.test", "93.184.216.34", "10.1.2.3");
        assertEquals("rebind.test resolves to 10.1.2.3, a private address (10.0.0.0/8)",
                unsafe("https://rebind.test/"));
    }

    @Test
    void mappedIpv6AnswerIsReadAsTheAddressItCarries() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        dns.answer("mapped.test", Inet6Address.getByAddress(null, mapped, -1));
        assertTrue(unsafe("https://mapped.test:" + trip.port() + "/").contains("127.0.0.1, a loopback address"));
    }

    @Test
    void redirectToLoopbackIsRefused() {
        server.stubFor(any(urlEqualTo("/go")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + trip.port() + "/admin")));
        assertEquals("127.0.0.1 is a loopback address", unsafe("http://127.0.0.1:" + server.port() + "/go"));
        assertEquals(1, wiremockRequests());
    }

    @Test
    void redirectToAnotherNonAllowedHostIsRefused() {
        dns.answer("internal.test", "10.0.0.5").answer("localhost", "127.0.0.1");
        server.stubFor(any(urlEqualTo("/a")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://internal.test:" + trip.port() + "/")));
        assertEquals("internal.test resolves to 10.0.0.5, a private address (10.0.0.0/8)",
                unsafe("http://127.0.0.1:" + server.port() + "/a"));
        // The same server under another name is another host: the allowance is for 127.0.0.1:port only.
        server.stubFor(any(urlEqualTo("/b")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://localhost:" + server.port() + "/c")));
        assertEquals("localhost resolves to 127.0.0.1, a loopback address",
                unsafe("http://127.0.0.1:" + server.port() + "/b"));
        assertEquals(2, wiremockRequests(), "only /a and /b were requested, never /c");
    }

    @Test
    void credentialsAndOtherSchemesAreRefused() {
        assertEquals("the URL carries credentials before the host (user@host)",
                unsafe("https://huggingface.co@127.0.0.1:" + trip.port() + "/"));
        assertEquals("only http(s) links are followed, not file:", unsafe("file:///etc/passwd"));
        assertEquals("only http(s) links are followed, not gopher:", unsafe("gopher://127.0.0.1:" + trip.port() + "/"));
        assertEquals("the host name is percent-encoded: %31%32%37.0.0.1", unsafe("https://%31%32%37.0.0.1/"));
        assertEquals(List.of(), dns.lookups);
    }

    @Test
    void plainHttpToANonAllowedHostIsNotFollowed() {
        SourceCheck check = checker.check("http://example.com/");
        assertEquals(new SourceCheck.Skipped("not an https link"), check);
        assertEquals(List.of(), dns.lookups);
    }
}
