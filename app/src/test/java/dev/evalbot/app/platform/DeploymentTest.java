package dev.evalbot.app.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.rules.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentTest {
    static final Map<String, String> GITHUB = Map.of("GITHUB_TOKEN", "t", "GITHUB_WEBHOOK_SECRET", "s");
    static final Map<String, String> HUB = Map.of("HF_TOKEN", "hf", "HF_WEBHOOK_SECRET", "s");

    private static List<String> lines(Map<String, String> env) {
        return Deployment.decide(env, PlatformModules.shipped()).platforms().stream().map(PlatformMode::line).toList();
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        var m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    @Test
    void nothingSetIsTheDryRun() {
        Deployment d = Deployment.decide(Map.of(), PlatformModules.shipped());
        assertTrue(d.dryRun());
        assertEquals(Mode.DRY_RUN, d.mode(PlatformId.GITHUB));
        assertEquals(Mode.OFF, d.mode(PlatformId.HUB));
    }

    @Test
    void theHubAloneIsLiveAndGitHubIsOffWithItsReason() {
        Deployment d = Deployment.decide(HUB, PlatformModules.shipped());
        assertTrue(d.anyLive());
        assertEquals(List.of("GitHub: off (no GITHUB_TOKEN or GITHUB_APP_ID, no GITHUB_WEBHOOK_SECRET)",
                "Hub: live (HF_TOKEN, HF_WEBHOOK_SECRET)"), lines(HUB));
    }

    @Test
    void gitHubAloneIsLiveAndAnHfTokenAloneLeavesTheHubOff() {
        Map<String, String> env = with(GITHUB, Map.of("HF_TOKEN", "hf"));
        assertEquals(List.of("GitHub: live (GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET)",
                "Hub: off (no HF_WEBHOOK_SECRET; HF_TOKEN is used to read benchmark definitions only)"), lines(env));
    }

    @Test
    void bothAreLiveTogether() {
        Deployment d = Deployment.decide(with(GITHUB, HUB), PlatformModules.shipped());
        assertEquals(Mode.LIVE, d.mode(PlatformId.GITHUB));
        assertEquals(Mode.LIVE, d.mode(PlatformId.HUB));
    }

    @Test
    void aGitHubAppCountsAsCredentials() {
        assertEquals("GitHub: live (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY, GITHUB_WEBHOOK_SECRET)", lines(Map.of(
                "GITHUB_APP_ID", "1", "GITHUB_APP_PRIVATE_KEY", "k", "GITHUB_WEBHOOK_SECRET", "s")).get(0));
    }

    @Test
    void dryRunForcedWithCredentialsSendsNothing() {
        Deployment d = Deployment.decide(with(with(GITHUB, HUB), Map.of("EVALBOT_MODE", "dry-run")), PlatformModules.shipped());
        assertTrue(d.dryRun());
        assertEquals(Mode.DRY_RUN, d.mode(PlatformId.GITHUB));
        assertEquals(Mode.OFF, d.mode(PlatformId.HUB));
        assertTrue(d.platforms().get(0).reason().startsWith("EVALBOT_MODE=dry-run"));
    }

    @Test
    void contradictionsAreOneLineErrors() {
        List<Map<String, String>> wrong = List.of(
                Map.of("EVALBOT_MODE", "live"),
                Map.of("EVALBOT_MODE", "live", "HF_TOKEN", "hf"),
                Map.of("EVALBOT_MODE", "production"),
                Map.of("HF_WEBHOOK_SECRET", "s"),
                Map.of("GITHUB_TOKEN", "t"),
                Map.of("GITHUB_APP_ID", "1", "GITHUB_WEBHOOK_SECRET", "s"));
        for (Map<String, String> env : wrong) {
            ConfigException e = assertThrows(ConfigException.class, () -> Deployment.decide(env, PlatformModules.shipped()), env.toString());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertTrue(assertThrows(ConfigException.class, () -> Deployment.decide(Map.of("EVALBOT_MODE", "live"), PlatformModules.shipped()))
                .getMessage().startsWith("EVALBOT_MODE=live, but no platform has credentials"));
    }

    @Test
    void liveForcedWithCredentialsIsLive() {
        assertTrue(Deployment.decide(with(HUB, Map.of("EVALBOT_MODE", "LIVE")), PlatformModules.shipped()).anyLive());
    }
}
