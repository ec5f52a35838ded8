package dev.evalbot.app.board;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.platform.hub.FakeHub;
import dev.evalbot.app.platform.hub.HubBoardPublisher;
import dev.evalbot.app.platform.hub.HubSettings;
import dev.evalbot.rules.tier.Tier;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publishing to the loopback fake Hub from a deployment in which GitHub is off. */
class PublishersTest {
    final FakeHub hub = new FakeHub("dataset", "cais/hle", 1);

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void theHubTargetIsPublishedWhenTheGitHubTargetOfTheSameBenchmarkIsOnAPlatformThatIsOff() {
        hub.server().stubFor(post(urlPathEqualTo("/api/datasets/cais/hle/commit/main"))
                .willReturn(okJson("{\"commitOid\":\"" + "a".repeat(40) + "\"}")));
        Map<String, String> env = Map.of("HF_TOKEN", "hf_test", "HF_WEBHOOK_SECRET", "s", "HF_ENDPOINT", hub.url());
        PublishTargets configured = PublishTargets.parse("evalbot.yaml", """
                benchmarks:
                  cais/hle:
                    publish: {github: boards/hle, hub: true}
                """.getBytes(StandardCharsets.UTF_8));
        PublishPlan plan = PublishPlan.decide(configured, PublishPlanTest.notLive(env));
        // As EvalbotApp builds them with GitHub off: no GitHub publisher at all, the Hub's, then the webhook's.
        PublishHttp http = new PublishHttp(HttpClient.newHttpClient());
        List<BoardPublisher> publishers = List.of(new HubBoardPublisher(plan.targets(), http,
                HubSettings.fromEnvironment(env)), new WebhookPublisher(plan.targets(), http, null));

        publishers.forEach(p -> p.publish(Boards.board(Boards.simple("org/model-a", 24.5, Tier.AUTHOR)),
                "{\"board\":1}"));

        assertEquals(1, hub.count("POST", "/api/datasets/cais/hle/commit/main"));
        String commit = hub.requests("POST", "/api/datasets/cais/hle/commit/main").get(0).getBodyAsString();
        assertTrue(commit.contains("\"path\":\"leaderboard.json\"") && commit.contains("\"path\":\"LEADERBOARD.md\""),
                commit);
        assertEquals(1, plan.skipped().size());
    }
}
