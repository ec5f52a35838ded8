package dev.evalbot.app.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.benchmark.StaticRegistry;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.ResultsValidator;
import dev.evalbot.rules.check.Verdict;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HubRegistryTest {
    private static final String MAIN = "/datasets/o/b/resolve/main/eval.yaml";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static WireMockServer hub;

    private final RulesConfig rules = TestSupport.rules();
    private final FakeTicker ticker = new FakeTicker();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private ExecutorService executor;

    @BeforeAll
    static void startHub() {
        hub = new WireMockServer(options().dynamicPort());
        hub.start();
    }

    @AfterAll
    static void stopHub() {
        hub.stop();
    }

    @BeforeEach
    void reset() {
        hub.resetAll();
        // One loader thread, so that settle() can wait for the cache's completion callback.
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    private RegistrySettings settings(RegistryMode mode, String endpoint) {
        return RegistrySettings.defaults(List.of("o/b"))
                .withMode(mode)
                .withEndpoint(URI.create(endpoint))
                .withHttp(HttpSettings.DEFAULT.withRetry(FetchRetry.DEFAULT.withSleeper(sleeps::add)));
    }

    private HubRegistry registry(RegistrySettings s, BenchmarkRegistry fallback) {
        HubClient client = new HubClient(HubClient.httpClient(s.http()), s, rules.limits().maxBytes());
        return new HubRegistry(s, client, new BenchmarkParser(rules), fallback, TestSupport.CLOCK, ticker, executor);
    }

    private HubRegistry registry(RegistryMode mode) {
        return registry(settings(mode, hub.baseUrl()), new StaticRegistry(List.of()));
    }

    private static void serve(String path, String evalYaml) {
        hub.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(evalYaml)));
    }

    private static void respond(String path, int status) {
        hub.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
    }

    /**
     * A lookup, then waiting until the cache has recorded the answer's expiry: {@code get()} may
     * return before Caffeine's completion callback (on the loader thread) stamps it, and a test
     * that moves the ticker right away would race it.
     */
    private Lookup lookup(HubRegistry registry, String id, String revision) {
        Lookup lookup = registry.lookup(id, revision);
        try {
            executor.submit(() -> { }).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return lookup;
    }

    private static Benchmark found(Lookup lookup) {
        return assertInstanceOf(Lookup.Found.class, lookup).benchmark();
    }

    private static String notice(Lookup lookup) {
        return assertInstanceOf(Lookup.Found.class, lookup).notice();
    }

    @Test
    void aFetchedBenchmarkIsWhatTheValidatorChecksAgainst() {
        serve(MAIN, TestSupport.HUB_EVAL_YAML);
        ResultsValidator validator = new ResultsValidator(rules, registry(RegistryMode.ALLOW_LIST), TestSupport.CLOCK);
        FileReport ok = validator.validate(".eval_results/b.yaml", """
                - dataset: {id: o/b, task_id: only_on_hub}
                  value: 0.5
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.VALID, ok.verdict(), ok.findings().toString());
        assertEquals(1, ok.acceptedEntries().size());
        assertEquals("only_on_hub", ok.acceptedEntries().get(0).taskId());

        FileReport wrong = validator.validate(".eval_results/b.yaml", """
                - dataset: {id: o/b, task_id: not_a_task}
                  value: 0.5
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.INVALID, wrong.verdict());
        hub.verify(1, getRequestedFor(urlEqualTo(MAIN)));
    }

    @Test
    void theDefinitionIsReadAtTheEntrysRevision() {
        serve("/datasets/o/b/resolve/abc1234/eval.yaml", TestSupport.evalYaml("at_revision"));
        serve(MAIN, TestSupport.HUB_EVAL_YAML);
        Lookup lookup = registry(RegistryMode.ANY).lookup("o/b", "ABC1234");
        assertEquals(List.of("at_revision"), found(lookup).taskIds());
        assertNull(notice(lookup));
        hub.verify(1, getRequestedFor(urlEqualTo("/datasets/o/b/resolve/abc1234/eval.yaml")));
        hub.verify(0, getRequestedFor(urlEqualTo(MAIN)));
    }

    @Test
    void aRevisionRefIsUrlEncoded() {
        serve("/datasets/o/b/resolve/refs%2Fpr%2F7/eval.yaml", TestSupport.evalYaml("in_pr"));
        assertEquals(List.of("in_pr"), found(registry(RegistryMode.ANY).lookup("o/b", "refs/pr/7")).taskIds());
    }

    @Test
    void aRevisionWithoutTheFileFallsBackToMainWithANotice() {
        respond("/datasets/o/b/resolve/abc1234/eval.yaml", 404);
        serve(MAIN, TestSupport.HUB_EVAL_YAML);
        Lookup lookup = registry(RegistryMode.ANY).lookup("o/b", "abc1234");
        assertEquals(List.of("only_on_hub"), found(lookup).taskIds());
        assertEquals("benchmark definition read at main: eval.yaml not found at revision abc1234", notice(lookup));
    }

    @Test
    void notFoundIsNotRegisteredAndCachedForAMinute() {
        respond(MAIN, 404);
        HubRegistry registry = registry(RegistryMode.ANY);
        Lookup first = lookup(registry, "o/b", null);
        assertTrue(assertInstanceOf(Lookup.NotRegistered.class, first).howToRegister().contains("has no eval.yaml"));
        assertInstanceOf(Lookup.NotRegistered.class, lookup(registry, "o/b", null));
        hub.verify(1, getRequestedFor(urlEqualTo(MAIN)));

        ticker.advance(Duration.ofSeconds(61));
        assertInstanceOf(Lookup.NotRegistered.class, lookup(registry, "o/b", null));
        hub.verify(2, getRequestedFor(urlEqualTo(MAIN)));
    }

    @Test
    void theHubsRepoNotFoundOn401CountsAsNotFound() {
        hub.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withStatus(401).withHeader("X-Error-Code", "RepoNotFound")));
        assertInstanceOf(Lookup.NotRegistered.class, registry(RegistryMode.ANY).lookup("o/b", null));
        hub.verify(1, getRequestedFor(urlEqualTo(MAIN)));
    }

    @Test
    void aDefinitionIsCachedForTenMinutes() {
        serve(MAIN, TestSupport.HUB_EVAL_YAML);
        HubRegistry registry = registry(RegistryMode.ALLOW_LIST);
        found(lookup(registry, "o/b", null));
        ticker.advance(Duration.ofMinutes(9));
        found(lookup(registry, "o/b", null));
        hub.verify(1, getRequestedFor(urlEqualTo(MAIN)));
        ticker.advance(Duration.ofMinutes(2));
        found(lookup(registry, "o/b", null));
        hub.verify(2, getRequestedFor(urlEqualTo(MAIN)));
    }

    @Test
    void aDefinitionAtAFullShaIsCachedForGood() {
        serve("/datasets/o/b/resolve/" + SHA + "/eval.yaml", TestSupport.HUB_EVAL_YAML);
        HubRegistry registry = registry(RegistryMode.ALLOW_LIST);
        found(lookup(registry, "o/b", SHA));
        ticker.advance(Duration.ofDays(400));
        found(lookup(registry, "o/b", SHA.toUpperCase(java.util.Locale.ROOT)));
        hub.verify(1, getRequestedFor(urlEqualTo("/datasets/o/b/resolve/" + SHA + "/eval.yaml")));
    }

    @Test
    void whenTheHubFailsTheLastGoodCopyIsUsedWithItsDate() {
        serve(MAIN, TestSupport.HUB_EVAL_YAML);
        HubRegistry registry = registry(RegistryMode.ALLOW_LIST);
        found(lookup(registry, "o/b", null));
        ticker.advance(Duration.ofMinutes(11));
        respond(MAIN, 503);

        Lookup lookup = lookup(registry, "o/b", null);
        assertEquals(List.of("only_on_hub"), found(lookup).taskIds());
        assertEquals("benchmark definition from cache, 2026-06-01 12:00 UTC: the Hub could not be reached "
                + "(HTTP 503 after 3 attempts)", notice(lookup));
        hub.verify(1 + 3, getRequestedFor(urlEqualTo(MAIN)));
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), sleeps);
    }

    @Test
    void whenTheHubIsStoppedTheLastGoodCopyIsUsed() {
        WireMockServer own = new WireMockServer(options().dynamicPort());
        own.start();
        try {
            own.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withBody(TestSupport.HUB_EVAL_YAML)));
            HubRegistry registry = registry(settings(RegistryMode.ALLOW_LIST, own.baseUrl()), new StaticRegistry(List.of()));
            found(lookup(registry, "o/b", null));
            int port = own.port();
            own.stop();
            ticker.advance(Duration.ofMinutes(11));
            Lookup lookup = lookup(registry, "o/b", null);
            assertEquals(List.of("only_on_hub"), found(lookup).taskIds());
            assertTrue(notice(lookup).startsWith("benchmark definition from cache, 2026-06-01 12:00 UTC: "
                    + "the Hub could not be reached (could not connect to http://localhost:" + port
                    + " after 3 attempts)"), notice(lookup));
        } finally {
            own.stop();
        }
    }

    @Test
    void nothingCachedAndTheHubDownUsesTheShippedDefinition() {
        respond(MAIN, 503);
        Benchmark shipped = new Benchmark("o/b", "Shipped", "d", "math-arena",
                List.of(new Task("shipped_task", null, null, false, 5)));
        Lookup lookup = registry(settings(RegistryMode.ALLOW_LIST, hub.baseUrl()), new StaticRegistry(List.of(shipped)))
                .lookup("o/b", null);
        assertEquals(List.of("shipped_task"), found(lookup).taskIds());
        assertEquals("benchmark definition from evalbot's shipped config/benchmarks: the Hub could not be reached "
                + "(HTTP 503 after 3 attempts)", notice(lookup));
    }

    @Test
    void nothingCachedNothingShippedAndTheHubDownIsUnavailable() {
        respond(MAIN, 500);
        HubRegistry registry = registry(RegistryMode.ALLOW_LIST);
        Lookup lookup = lookup(registry, "o/b", null);
        assertTrue(assertInstanceOf(Lookup.Unavailable.class, lookup).reason().startsWith(
                "the Hub could not be reached (HTTP 500 after 3 attempts)"));
        // The failure is remembered briefly so that an outage does not cost every review its retries.
        assertInstanceOf(Lookup.Unavailable.class, lookup(registry, "o/b", null));
        hub.verify(3, getRequestedFor(urlEqualTo(MAIN)));
        ticker.advance(Duration.ofSeconds(31));
        serve(MAIN, TestSupport.HUB_EVAL_YAML);
        found(lookup(registry, "o/b", null));
    }

    @Test
    void transientErrorsAreRetried() {
        hub.stubFor(get(urlEqualTo(MAIN)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("once"));
        hub.stubFor(get(urlEqualTo(MAIN)).inScenario("flaky").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("twice"));
        hub.stubFor(get(urlEqualTo(MAIN)).inScenario("flaky").whenScenarioStateIs("twice")
                .willReturn(aResponse().withBody(TestSupport.HUB_EVAL_YAML)));
        Lookup lookup = registry(RegistryMode.ALLOW_LIST).lookup("o/b", null);
        assertEquals(List.of("only_on_hub"), found(lookup).taskIds());
        assertNull(notice(lookup));
        hub.verify(3, getRequestedFor(urlEqualTo(MAIN)));
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofSeconds(1)), sleeps);
    }

    @Test
    void aRetryAfterBeyondTheCapIsNotWaitedFor() {
        hub.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        Lookup lookup = registry(RegistryMode.ALLOW_LIST).lookup("o/b", null);
        assertTrue(assertInstanceOf(Lookup.Unavailable.class, lookup).reason().contains("the Hub asks to wait 120 s"));
        hub.verify(1, getRequestedFor(urlEqualTo(MAIN)));
        assertEquals(List.of(), sleeps);
    }

    @Test
    void concurrentLookupsOfOneBenchmarkMakeOneRequest() throws Exception {
        hub.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withBody(TestSupport.HUB_EVAL_YAML).withFixedDelay(300)));
        HubRegistry registry = registry(RegistryMode.ALLOW_LIST);
        int callers = 100;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Lookup>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<Lookup> call = () -> {
                    ready.countDown();
                    go.await();
                    return registry.lookup("o/b", null);
                };
                results.add(pool.submit(call));
            }
            ready.await();
            go.countDown();
            for (Future<Lookup> f : results) {
                assertEquals(List.of("only_on_hub"), found(f.get()).taskIds());
            }
        } finally {
            pool.shutdownNow();
        }
        hub.verify(1, getRequestedFor(urlEqualTo(MAIN)));
    }

    @Test
    void theAllowListRefusesAnUnlistedIdWithoutARequest() {
        serve("/datasets/x/y/resolve/main/eval.yaml", TestSupport.HUB_EVAL_YAML);
        Lookup lookup = registry(RegistryMode.ALLOW_LIST).lookup("x/y", null);
        assertTrue(assertInstanceOf(Lookup.NotRegistered.class, lookup).howToRegister()
                .startsWith("x/y is not on evalbot's allow-list"));
        hub.verify(0, anyRequestedFor(anyUrl()));
        // In any mode the same dataset counts, because it has a valid eval.yaml.
        found(registry(RegistryMode.ANY).lookup("x/y", null));
    }

    @Test
    void somethingThatIsNotADatasetIdIsNeverRequested() {
        HubRegistry registry = registry(RegistryMode.ANY);
        for (String id : List.of("../etc", "o/../b", "o/b/c", "o", "o/b?x=1", "o/b#f")) {
            assertInstanceOf(Lookup.NotRegistered.class, lookup(registry, id, null), id);
        }
        hub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anInvalidDefinitionIsNotABenchmarkAndSaysWhere() {
        serve(MAIN, "name: B\ndescription: d\nevaluation_framework: nope\ntasks:\n  - id: a\n");
        Lookup lookup = registry(RegistryMode.ANY).lookup("o/b", null);
        assertEquals("the eval.yaml of o/b has errors, so it is not a usable benchmark yet: "
                + "o/b/eval.yaml:3:23: 'nope' is not a known evaluation framework",
                assertInstanceOf(Lookup.NotRegistered.class, lookup).howToRegister());
    }

    @Test
    void anInvalidUpdateKeepsTheLastGoodCopy() {
        serve(MAIN, TestSupport.HUB_EVAL_YAML);
        HubRegistry registry = registry(RegistryMode.ALLOW_LIST);
        found(lookup(registry, "o/b", null));
        ticker.advance(Duration.ofMinutes(11));
        serve(MAIN, "name: B\n");
        Lookup lookup = lookup(registry, "o/b", null);
        assertEquals(List.of("only_on_hub"), found(lookup).taskIds());
        assertTrue(notice(lookup).startsWith("benchmark definition from cache, 2026-06-01 12:00 UTC: "
                + "the current eval.yaml has errors (o/b/eval.yaml:"), notice(lookup));
    }

    @Test
    void anOversizedDefinitionIsRefusedWithoutReadingItAll() {
        hub.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withBody(new byte[rules.limits().maxBytes() + 1])));
        Lookup lookup = registry(RegistryMode.ANY).lookup("o/b", null);
        assertTrue(assertInstanceOf(Lookup.NotRegistered.class, lookup).howToRegister()
                .contains("o/b/eval.yaml is larger than 1048576 bytes"));
    }

    @Test
    void theTokenGoesToTheHubOnlyAndNotAcrossARedirect() {
        String other = "http://127.0.0.1:" + hub.port();
        hub.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", other + "/cdn/eval.yaml")));
        hub.stubFor(get(urlEqualTo("/cdn/eval.yaml")).willReturn(aResponse().withBody(TestSupport.HUB_EVAL_YAML)));
        RegistrySettings s = settings(RegistryMode.ALLOW_LIST, "http://localhost:" + hub.port())
                .withToken(Optional.of("hf_secret"));
        found(registry(s, new StaticRegistry(List.of())).lookup("o/b", null));
        hub.verify(getRequestedFor(urlEqualTo(MAIN)).withHeader("Authorization", equalTo("Bearer hf_secret")));
        hub.verify(getRequestedFor(urlEqualTo("/cdn/eval.yaml")).withoutHeader("Authorization"));
    }

    @Test
    void aRenamedRepositoryIsFollowedOnTheSameHub() {
        hub.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "/datasets/o/renamed/resolve/main/eval.yaml")));
        serve("/datasets/o/renamed/resolve/main/eval.yaml", TestSupport.HUB_EVAL_YAML);
        RegistrySettings s = settings(RegistryMode.ALLOW_LIST, hub.baseUrl()).withToken(Optional.of("hf_secret"));
        found(registry(s, new StaticRegistry(List.of())).lookup("o/b", null));
        hub.verify(getRequestedFor(urlEqualTo("/datasets/o/renamed/resolve/main/eval.yaml"))
                .withHeader("Authorization", equalTo("Bearer hf_secret")));
    }

    @Test
    void aGatedDatasetIsUnavailableWithAHint() {
        hub.stubFor(get(urlEqualTo(MAIN)).willReturn(aResponse().withStatus(403).withHeader("X-Error-Code", "GatedRepo")));
        Lookup lookup = registry(RegistryMode.ALLOW_LIST).lookup("o/b", null);
        assertTrue(assertInstanceOf(Lookup.Unavailable.class, lookup).reason()
                .contains("the Hub refused access (HTTP 403 GatedRepo); the dataset may be gated or private: set HF_TOKEN"));
        hub.verify(1, getRequestedFor(urlEqualTo(MAIN)));
    }

    @Test
    void offlineSettingsCannotBuildAHubRegistry() {
        assertThrows(IllegalArgumentException.class,
                () -> registry(settings(RegistryMode.ANY, hub.baseUrl()).withOffline(true), new StaticRegistry(List.of())));
    }

    @Test
    void idsAreTheAllowListOrEverythingSeen() {
        assertEquals(List.of("o/b"), List.copyOf(registry(RegistryMode.ALLOW_LIST).ids()));
        serve("/datasets/x/y/resolve/main/eval.yaml", TestSupport.HUB_EVAL_YAML);
        HubRegistry any = registry(RegistryMode.ANY);
        found(any.lookup("x/y", null));
        assertEquals(List.of("o/b", "x/y"), List.copyOf(any.ids()));
    }
}
