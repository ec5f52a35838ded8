package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.KnownPlatform;
import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.event.PlatformId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelLinksTest {
    @Test
    void eachKnownPlatformLinksItsModelsAndAnUnknownOneDoesNot() {
        ModelLinks links = new ModelLinks(PlatformModules.known());
        assertEquals("https://huggingface.co/org/m%C3%A9", links.url("hub", "org/mé"));
        assertEquals("https://github.com/org/m", links.url("github", "org/m"));
        assertNull(links.url("gitlab", "org/m"));
        assertNull(links.url("hub", "org/m/extra"));
        assertEquals(List.of("hub", "github"), links.preferred(), "a bare model name is the Hub's first");
        assertTrue(links.home("hub"));
        assertFalse(links.home("github"));
    }

    @Test
    void aThirdPlatformIsLinkedWithNoEditHere() {
        List<KnownPlatform> three = new ArrayList<>(PlatformModules.shipped());
        three.add(new KnownPlatform() {
            @Override
            public PlatformId id() {
                return PlatformId.of("gitlab");
            }

            @Override
            public String label() {
                return "GitLab";
            }

            @Override
            public String repoUrl(String repoType, String repo) {
                return "https://gitlab.example/" + repo;
            }
        });
        ModelLinks links = new ModelLinks(KnownPlatforms.of(three));
        assertEquals("https://gitlab.example/org/m", links.url("gitlab", "org/m"));
        assertEquals(List.of("hub", "gitlab", "github"), links.preferred());
    }
}
