package dev.evalbot.app.trust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.evalbot.app.store.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * github.com links checked through the GitHub API (a loopback WireMock): with the review's token,
 * conditionally on the last ETag, and "not checked: rate limited" when the quota is spent.
 */
class GitHubSourceCheckTest {
    static final String TOKEN = "token ghs_installation";
    private final FakeResolver dns = new FakeResolver();
    private final MutableClock clock = new MutableClock(Keys.NOW);
    private WireMockServer api;
    private WireMockServer elsewhere;
    private SourceChecker checker;

    @BeforeEach
    void start() {
        api = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
        elsewhere = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        elsewhere.start();
        URI base = URI.create("http://127.0.0.1:" + api.port());
        AllowedHosts allowed = AllowedHosts.parse("127.0.0.1:" + api.port() + ",127.0.0.1:" + elsewhere.port());
        checker = new SourceChecker(new TrustConfig(null, allowed, base, base, false, null), dns, clock);
    }

    @AfterEach
    void stop() {
        api.stop();
        elsewhere.stop();
    }

    @Test
    void theTokenGoesToTheApiAndARecheckIsConditional() {
        api.stubFor(get(urlEqualTo("/repos/openai/gsm8k")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"v1\"").withBody("{}")));
        api.stubFor(get(urlEqualTo("/repos/openai/gsm8k")).atPriority(1).withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
        assertEquals(new SourceCheck.Reachable(200), checker.check("https://github.com/openai/gsm8k", TOKEN));
        api.verify(getRequestedFor(urlEqualTo("/repos/openai/gsm8k")).withHeader("Authorization", equalTo(TOKEN))
                .withHeader("If-None-Match", absent()));
        clock.advance(Duration.ofHours(2)); // past the cache of a reachable source
        assertEquals(new SourceCheck.Reachable(304), checker.check("https://github.com/openai/gsm8k", TOKEN));
        api.verify(1, getRequestedFor(urlEqualTo("/repos/openai/gsm8k")).withHeader("If-None-Match", equalTo("\"v1\"")));
    }

    @Test
    void aSpentQuotaIsNotCheckedRatherThanAnError() {
        api.stubFor(get(urlEqualTo("/repos/openai/gsm8k")).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1999999999")
                .withBody("{\"message\":\"API rate limit exceeded\"}")));
        api.stubFor(get(urlEqualTo("/repos/openai/other")).willReturn(aResponse().withStatus(429)));
        SourceCheck check = checker.check("https://github.com/openai/gsm8k");
        assertEquals(new SourceCheck.Skipped("rate limited"), check);
        assertEquals("not checked: rate limited", check.message());
        assertEquals(new SourceCheck.Skipped("rate limited"), checker.check("https://github.com/openai/other"));
        // Not cached: the next review asks again.
        checker.check("https://github.com/openai/gsm8k");
        api.verify(2, getRequestedFor(urlEqualTo("/repos/openai/gsm8k")));
    }

    @Test
    void aForbiddenRepositoryWithQuotaLeftIsStillAnAnswer() {
        api.stubFor(get(urlEqualTo("/repos/openai/gsm8k")).willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "4999")));
        assertTrue(checker.check("https://github.com/openai/gsm8k") instanceof SourceCheck.Unreachable);
    }

    @Test
    void theTokenIsNotSentToAnotherHostAfterARedirect() {
        String other = "http://127.0.0.1:" + elsewhere.port() + "/repos/renamed";
        api.stubFor(get(urlEqualTo("/repos/openai/gsm8k")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", other)));
        elsewhere.stubFor(get(urlEqualTo("/repos/renamed")).willReturn(aResponse().withStatus(200)));
        assertEquals(new SourceCheck.Reachable(200), checker.check("https://github.com/openai/gsm8k", TOKEN));
        api.verify(getRequestedFor(urlEqualTo("/repos/openai/gsm8k")).withHeader("Authorization", equalTo(TOKEN)));
        elsewhere.verify(1, getRequestedFor(urlEqualTo("/repos/renamed")).withHeader("Authorization", absent()));
    }

    @Test
    void aReviewWithoutCredentialsAsksWithout() {
        api.stubFor(get(urlEqualTo("/repos/openai/gsm8k")).willReturn(aResponse().withStatus(200)));
        assertEquals(new SourceCheck.Reachable(200), checker.check("https://github.com/openai/gsm8k"));
        api.verify(getRequestedFor(urlEqualTo("/repos/openai/gsm8k")).withHeader("Authorization", absent()));
        assertEquals(Optional.empty(), ApiCredentials.NONE.githubAuthorization(null));
    }
}
