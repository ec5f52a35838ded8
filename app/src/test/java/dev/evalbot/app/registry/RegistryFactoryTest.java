package dev.evalbot.app.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.benchmark.StaticRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryFactoryTest {
    private final RegistryFactory factory = new RegistryFactory(TestSupport.CLOCK);
    private final Path shipped = TestSupport.CONFIG_DIR.resolve("benchmarks");
    private WireMockServer hub;

    @BeforeEach
    void start() {
        hub = new WireMockServer(options().dynamicPort());
        hub.start();
    }

    @AfterEach
    void stop() {
        hub.stop();
    }

    private RegistrySettings settings() {
        return RegistrySettings.defaults(TestSupport.rules().registeredBenchmarks()).withEndpoint(URI.create(hub.baseUrl()));
    }

    @Test
    void offlineUsesOnlyTheShippedDefinitionsAndMakesNoRequest() {
        BenchmarkRegistry registry = factory.create(settings().withOffline(true), TestSupport.rules(), shipped);
        assertInstanceOf(StaticRegistry.class, registry);
        Lookup lookup = registry.lookup("cais/hle", "abc1234");
        assertEquals(List.of("hle"), assertInstanceOf(Lookup.Found.class, lookup).benchmark().taskIds());
        assertNull(((Lookup.Found) lookup).notice());
        assertInstanceOf(Lookup.NotRegistered.class, registry.lookup("o/b", null));
        hub.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void offlineInAllowListModeCountsOnlyListedDefinitions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("o/b/eval.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, TestSupport.HUB_EVAL_YAML);
        RegistrySettings s = settings().withOffline(true);
        assertInstanceOf(Lookup.NotRegistered.class, factory.create(s, TestSupport.rules(), dir).lookup("o/b", null));
        assertInstanceOf(Lookup.Found.class,
                factory.create(s.withMode(RegistryMode.ANY), TestSupport.rules(), dir).lookup("o/b", null));
    }

    @Test
    void onlineReadsTheHub() {
        hub.stubFor(get(urlEqualTo("/datasets/cais/hle/resolve/main/eval.yaml"))
                .willReturn(aResponse().withBody(TestSupport.evalYaml("hle_v2"))));
        BenchmarkRegistry registry = factory.create(settings(), TestSupport.rules(), shipped);
        assertInstanceOf(HubRegistry.class, registry);
        assertEquals(List.of("hle_v2"),
                assertInstanceOf(Lookup.Found.class, registry.lookup("cais/hle", null)).benchmark().taskIds());
    }
}
