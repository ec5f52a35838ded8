package dev.evalbot.app.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownPlatformsTest {
    private record Test3(PlatformId id, String label) implements KnownPlatform {
        @Override
        public String repoUrl(String repoType, String repo) {
            return "https://git.example/" + repo;
        }
    }

    @Test
    void aPlatformIdIsAValueOfAWellFormedCode() {
        assertEquals(PlatformId.GITHUB, PlatformId.of("github"));
        assertEquals(PlatformId.HUB, PlatformId.of("hub"));
        assertEquals("git-lab2", PlatformId.of("git-lab2").code());
        for (String bad : new String[] {"", "GitHub", "git lab", "a".repeat(33), "gitlab/x"}) {
            assertThrows(IllegalArgumentException.class, () -> PlatformId.of(bad), bad);
        }
        assertEquals("unknown platform: null", assertThrows(IllegalArgumentException.class,
                () -> PlatformId.of(null)).getMessage());
    }

    @Test
    void theShippedListIsGitHubThenTheHubWithTheirPages() {
        KnownPlatforms known = PlatformModules.known();
        assertEquals(List.of(PlatformId.GITHUB, PlatformId.HUB), known.ids());
        assertEquals(List.of("github", "hub"), known.codes());
        assertEquals(PlatformId.GITHUB, known.first());
        assertEquals("Hub", known.find("hub").orElseThrow().label());
        assertFalse(known.knows("gitlab"));
        assertFalse(known.knows("GitHub"));
        assertEquals("https://github.com/o/m%20x", known.find("github").orElseThrow().repoUrl("model", "o/m x"));
        assertEquals("https://huggingface.co/o/m", known.find("hub").orElseThrow().repoUrl("model", "o/m"));
        assertEquals("https://huggingface.co/datasets/o/d", known.find("hub").orElseThrow().repoUrl("dataset", "o/d"));
    }

    @Test
    void aThirdPlatformIsOneMoreEntryAndNoneIsListedTwice() {
        List<KnownPlatform> three = new java.util.ArrayList<>(PlatformModules.shipped());
        three.add(new Test3(PlatformId.of("gitlab"), "GitLab"));
        KnownPlatforms known = KnownPlatforms.of(three);
        assertTrue(known.knows("gitlab"));
        assertEquals(List.of("github", "hub", "gitlab"), known.codes());
        three.add(new Test3(PlatformId.of("gitlab"), "GitLab again"));
        assertThrows(IllegalArgumentException.class, () -> KnownPlatforms.of(three));
        assertThrows(IllegalArgumentException.class, () -> KnownPlatforms.of(List.of()));
    }
}
