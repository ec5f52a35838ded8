package dev.evalbot.app.platform.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.reconcile.OpenPull;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.reconcile.ReconcileSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sweeps of Hub repositories against the loopback Hub. */
class HubSweepTest {
    static final String REPO = "org/bench";

    private static HubPullSource source(FakeHub hub, List<ReconcileSettings.HubRepo> configured, int max) {
        return new HubPullSource(new HubDiscussions(new HubSettings("s", hub.url(), "hf_test"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), new SimpleMeterRegistry(),
                Clock.systemUTC()), configured, max, Clock.systemUTC());
    }

    @Test
    void aSeenDatasetIsFoundAfterTheModelOfThatNameIsNot() throws Exception {
        try (FakeHub hub = new FakeHub("dataset", REPO, 1)) {
            hub.openPulls(1, 2, 3);
            List<OpenPull> found = new ArrayList<>();
            PullSource.SweepResult r = source(hub, List.of(), 100).sweep(Set.of(REPO), found::add);
            assertEquals(new PullSource.SweepResult(1, null), r);
            assertEquals(List.of(1, 2, 3), found.stream().map(p -> p.pull().number()).toList());
            JsonNode payload = new ObjectMapper().readTree(found.get(0).payload());
            assertEquals("dataset", payload.path("repo").path("type").asText());
            assertEquals(FakeHub.HEAD, found.get(0).headSha());
            assertEquals("reconcile:hub:" + REPO + "#1@" + FakeHub.HEAD, found.get(0).delivery(java.time.Instant.now()).key());
            assertEquals(1, hub.count("GET", "/api/models/" + REPO + "/discussions"), "a model was tried first");
        }
    }

    @Test
    void aSweepSendsNoMoreThanItsRequestsAndARateLimitPausesIt() {
        try (FakeHub hub = new FakeHub("model", REPO, 1)) {
            hub.openPulls(1, 2, 3, 4, 5);
            List<OpenPull> found = new ArrayList<>();
            PullSource.SweepResult capped = source(hub, List.of(new ReconcileSettings.HubRepo("model", REPO)), 3)
                    .sweep(Set.of(), found::add);
            assertTrue(capped.stopped().contains("EVALBOT_RECONCILE_HUB_REQUESTS"), capped.stopped());
            assertEquals(3, hub.count("GET", "/api/.*"), "one listing and two heads");

            HubPullSource limited = source(hub, List.of(new ReconcileSettings.HubRepo("model", REPO)), 100);
            hub.failNext(1, 429, Map.of("Retry-After", "3600"));
            assertNotNull(limited.sweep(Set.of(), found::add).stopped());
            int before = hub.count("GET", "/api/.*");
            PullSource.SweepResult paused = limited.sweep(Set.of(), found::add);
            assertTrue(paused.stopped().contains("wait until"), paused.stopped());
            assertEquals(before, hub.count("GET", "/api/.*"), "no request while paused");
        }
    }
}
