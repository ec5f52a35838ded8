package dev.evalbot.app.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.evalbot.app.store.MutableClock;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** arXiv ids, Hub and GitHub repositories; the platform APIs are a loopback WireMock. */
class KnownHostsTest {
    private final FakeResolver dns = new FakeResolver();
    private final MutableClock clock = new MutableClock(Keys.NOW);
    private WireMockServer api;
    private SourceChecker checker;

    @BeforeEach
    void start() {
        api = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
        URI base = URI.create("http://127.0.0.1:" + api.port());
        AllowedHosts allowed = AllowedHosts.parse("127.0.0.1:" + api.port() + ",arxiv.org:" + api.port());
        dns.answer("arxiv.org", "127.0.0.1");
        checker = new SourceChecker(new TrustConfig(null, allowed, base, base, false, null), dns, clock);
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2311.12022", "2311.12022v2", "0704.0001", "1412.9999", "1501.00001", "hep-th/9901001",
            "math.GT/0309136", "cs/0112017v2", "cond-mat/0207270"})
    void validArxivIds(String id) {
        assertTrue(ArxivLink.isValidId(id), id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2311.1202", "1412.12345", "2313.12022", "2300.12022", "0703.0001", "2311.12022v0",
            "2311.12022v", "abc", "hep-th/990100", "hep-th/9913001", "HEP-TH/9901001", "2311.120222"})
    void invalidArxivIds(String id) {
        assertFalse(ArxivLink.isValidId(id), id);
    }

    @Test
    void malformedArxivIdIsFoundOfflineWithoutTheNetwork() {
        SourceChecker offline = new SourceChecker(TrustConfig.defaults().withOffline(true), dns, clock);
        assertEquals(new SourceCheck.Invalid("'2311.1202' is not an arXiv identifier (YYMM.NNNNN with an optional vN,"
                + " or archive/YYMMNNN)"), offline.check("https://arxiv.org/abs/2311.1202"));
        assertEquals(new SourceCheck.Skipped("offline"), offline.check("https://arxiv.org/pdf/2311.12022v1.pdf"));
        assertEquals(List.of(), dns.lookups);
    }

    @Test
    void arxivPaperExistenceIsItsAbstractPage() {
        api.stubFor(head(urlEqualTo("/abs/2311.12022")).willReturn(aResponse().withStatus(200)));
        api.stubFor(head(urlEqualTo("/abs/2311.99999")).willReturn(aResponse().withStatus(404)));
        String arxiv = "http://arxiv.org:" + api.port();
        assertEquals(new SourceCheck.Reachable(200), checker.check(arxiv + "/abs/2311.12022"));
        assertEquals(new SourceCheck.NotFound(404, "arXiv paper 2311.99999 not found"),
                checker.check(arxiv + "/abs/2311.99999"));
    }

    @Test
    void hubRepositoriesAreLookedUpThroughTheApi() {
        api.stubFor(get(urlEqualTo("/api/datasets/cais/hle")).willReturn(aResponse().withStatus(200).withBody("{}")));
        api.stubFor(get(urlEqualTo("/api/spaces/cais/hle-leaderboard")).willReturn(aResponse().withStatus(200)));
        api.stubFor(get(urlEqualTo("/api/models/acme/model-7b")).willReturn(aResponse().withStatus(200)));
        api.stubFor(get(urlEqualTo("/api/models/acme/missing")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"Repository not found\"}")));
        assertEquals(new SourceCheck.Reachable(200), checker.check("https://huggingface.co/datasets/cais/hle"));
        assertEquals(new SourceCheck.Reachable(200),
                checker.check("https://huggingface.co/spaces/cais/hle-leaderboard"));
        assertEquals(new SourceCheck.Reachable(200),
                checker.check("https://huggingface.co/acme/model-7b/blob/main/README.md"));
        assertEquals(new SourceCheck.NotFound(401, "the Hub has no model acme/missing"),
                checker.check("https://huggingface.co/acme/missing"));
        assertEquals(List.of(), dns.lookups, "huggingface.co itself is never contacted");
    }

    @Test
    void gitHubRepositoriesAreLookedUpThroughTheApi() {
        api.stubFor(get(urlEqualTo("/repos/openai/gsm8k")).willReturn(aResponse().withStatus(200)));
        api.stubFor(get(urlEqualTo("/repos/openai/nope")).willReturn(aResponse().withStatus(404)));
        assertEquals(new SourceCheck.Reachable(200), checker.check("https://github.com/openai/gsm8k.git"));
        assertEquals(new SourceCheck.Reachable(200), checker.check("https://github.com/openai/gsm8k/tree/main/data"));
        assertEquals(new SourceCheck.NotFound(404, "GitHub has no repository openai/nope"),
                checker.check("https://github.com/openai/nope"));
        // Two links to one repository are two cache entries: two API calls, both with GitHub's media type.
        api.verify(2, getRequestedFor(urlEqualTo("/repos/openai/gsm8k")).withHeader("Accept",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/vnd.github+json")));
        assertEquals(List.of(), dns.lookups);
    }

    @Test
    void malformedRepositoryIdsAreInvalid() {
        assertEquals(new SourceCheck.Invalid("'-bad/x' is not a valid GitHub repository"),
                checker.check("https://github.com/-bad/x"));
        assertEquals(new SourceCheck.Invalid("'acme/a..b' is not a valid Hub repository id"),
                checker.check("https://huggingface.co/datasets/acme/a..b"));
    }
}
