package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.Deployment;
import dev.evalbot.app.platform.Mode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which publish targets a deployment keeps, and the warning for each one it leaves out. */
class PublishPlanTest {
    static final Map<String, String> HUB_ONLY = Map.of("HF_TOKEN", "t", "HF_WEBHOOK_SECRET", "s");
    static final Map<String, String> GITHUB_ONLY = Map.of("GITHUB_TOKEN", "t", "GITHUB_WEBHOOK_SECRET", "s");
    static final PublishTargets CONFIGURED = PublishTargets.parse("evalbot.yaml", """
            benchmarks:
              cais/hle:
                publish: {github: boards/hle, hub: true, webhook: "https://dash.example.org/hook"}
              idavidrein/gpqa:
                publish: {github: boards/gpqa}
              openai/simpleqa:
                publish: {hub: true}
            """.getBytes(StandardCharsets.UTF_8));

    /** As EvalbotApp hands the deployment to the plan. */
    static List<PublishPlan.NotLive> notLive(Map<String, String> env) {
        return Deployment.decide(env, PlatformModules.shipped()).platforms().stream().filter(p -> p.mode() != Mode.LIVE)
                .map(p -> new PublishPlan.NotLive(p.platform(), p.label(), p.mode().word(), p.reason())).toList();
    }

    @Test
    void aGitHubTargetIsLeftOutWhenGitHubIsOffAndTheOtherTargetsOfItsBenchmarkStay() {
        PublishPlan plan = PublishPlan.decide(CONFIGURED, notLive(HUB_ONLY));

        PublishTargets.Target hle = plan.targets().of("cais/hle").orElseThrow();
        assertNull(hle.githubRepo());
        assertTrue(hle.hub());
        assertEquals(URI.create("https://dash.example.org/hook"), hle.webhook());
        assertTrue(plan.targets().of("idavidrein/gpqa").isEmpty(), "nothing left to publish to");
        assertTrue(plan.targets().of("openai/simpleqa").orElseThrow().hub());

        assertEquals(List.of("cais/hle", "idavidrein/gpqa"), plan.skipped().stream().map(PublishPlan.Skipped::benchmarkId)
                .toList());
        assertEquals(List.of(PlatformId.GITHUB, PlatformId.GITHUB), plan.skipped().stream()
                .map(s -> s.platform().platform()).toList());
        String warning = plan.skipped().get(0).warning();
        assertTrue(warning.startsWith("leaderboard of cais/hle is not published to GitHub boards/hle: GitHub is off "
                + "in this deployment (no GITHUB_TOKEN or GITHUB_APP_ID"), warning);
        assertTrue(warning.endsWith("remove benchmarks.cais/hle.publish.github from evalbot.yaml or make GitHub live"),
                warning);
    }

    @Test
    void aHubTargetIsLeftOutWhenTheHubIsOff() {
        PublishPlan plan = PublishPlan.decide(CONFIGURED, notLive(GITHUB_ONLY));

        assertEquals("boards/hle", plan.targets().of("cais/hle").orElseThrow().githubRepo());
        assertFalse(plan.targets().of("cais/hle").orElseThrow().hub());
        assertTrue(plan.targets().of("openai/simpleqa").isEmpty());
        assertEquals(List.of("leaderboard of cais/hle is not published to the Hub dataset cais/hle: Hub is off in this "
                + "deployment (no HF_TOKEN, no HF_WEBHOOK_SECRET); remove benchmarks.cais/hle.publish.hub from "
                + "evalbot.yaml or make Hub live"), plan.skipped().stream()
                .filter(s -> s.benchmarkId().equals("cais/hle")).map(PublishPlan.Skipped::warning).toList());
        assertEquals(2, plan.skipped().size());
    }

    @Test
    void aHubTokenForReadingDefinitionsDoesNotMakeTheHubLive() {
        PublishPlan plan = PublishPlan.decide(CONFIGURED, notLive(Map.of("HF_TOKEN", "t",
                "GITHUB_TOKEN", "t", "GITHUB_WEBHOOK_SECRET", "s")));
        assertTrue(plan.targets().of("openai/simpleqa").isEmpty());
    }

    @Test
    void everythingIsKeptWhenBothPlatformsAreLive() {
        Map<String, String> both = new java.util.HashMap<>(HUB_ONLY);
        both.putAll(GITHUB_ONLY);
        PublishPlan plan = PublishPlan.decide(CONFIGURED, notLive(both));
        assertEquals(CONFIGURED, plan.targets());
        assertTrue(plan.skipped().isEmpty());
    }
}
