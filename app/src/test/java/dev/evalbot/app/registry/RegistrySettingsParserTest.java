package dev.evalbot.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.config.ConfigException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrySettingsParserTest {
    private final RegistrySettingsParser parser = new RegistrySettingsParser("evalbot.yaml");

    private RegistrySettings parse(String yaml, Map<String, String> env) {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, new dev.evalbot.rules.config.RulesConfigParser("evalbot.yaml").parse(bytes),
                HubAccess.fromEnvironment(env));
    }

    @Test
    void theShippedConfigIsAnOnlineAllowListOfFive() {
        RegistrySettings s = parser.parse(TestSupport.evalbotYaml(), TestSupport.rules(),
                HubAccess.fromEnvironment(Map.of()));
        assertEquals(RegistryMode.ALLOW_LIST, s.mode());
        assertFalse(s.offline());
        assertEquals(List.of("cais/hle", "Idavidrein/gpqa", "TIGER-Lab/MMLU-Pro", "openai/gsm8k", "MathArena/aime_2026"),
                s.allowList());
        assertEquals(URI.create("https://huggingface.co"), s.endpoint());
        assertEquals(Optional.empty(), s.token());
        assertTrue(s.admits("cais/hle"));
        assertFalse(s.admits("o/b"));
    }

    @Test
    void modeAndOfflineAreRead() {
        RegistrySettings s = parse("registry:\n  mode: any\n  offline: true\n", Map.of());
        assertEquals(RegistryMode.ANY, s.mode());
        assertTrue(s.offline());
        assertTrue(s.admits("anyone/anything"));
        assertEquals(RegistryMode.ALLOW_LIST, parse("limits: {}\n", Map.of()).mode());
        assertEquals(RegistryMode.ALLOW_LIST, parse("", Map.of()).mode());
    }

    @Test
    void wrongValuesNameFileLineAndColumn() {
        var e = assertThrows(ConfigException.class, () -> parse("registry:\n  mode: everything\n", Map.of()));
        assertEquals("evalbot.yaml:2:9: registry.mode must be allow-list or any, found the string \"everything\"",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> parse("registry:\n  offline: yes please\n", Map.of()));
        assertTrue(e.getMessage().startsWith("evalbot.yaml:2:12: registry.offline must be true or false"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> parse("registry: [a]\n", Map.of()));
        assertTrue(e.getMessage().startsWith("evalbot.yaml:1:11: registry must be a mapping"), e.getMessage());
    }

    @Test
    void endpointTokenAndHubOfflineComeFromTheEnvironment() {
        RegistrySettings s = parse("", Map.of("HF_ENDPOINT", "https://mirror.example/hf/", "HF_TOKEN", " hf_secret "));
        assertEquals(URI.create("https://mirror.example/hf"), s.endpoint());
        assertEquals(Optional.of("hf_secret"), s.token());
        assertFalse(s.toString().contains("hf_secret"), "the token is never printed");
        assertTrue(s.toString().contains("token=(set)"));
        assertTrue(parse("", Map.of("HF_HUB_OFFLINE", "1")).offline());
        assertTrue(parse("", Map.of("HF_HUB_OFFLINE", "TRUE")).offline());
        assertFalse(parse("", Map.of("HF_HUB_OFFLINE", "0")).offline());
        assertEquals(Optional.empty(), parse("", Map.of("HF_TOKEN", "  ")).token());
    }

    @Test
    void aBadEndpointIsRefused() {
        for (String bad : List.of("ftp://hub.example", "huggingface.co", "https://user:pw@hub.example",
                "https://hub.example/?q=1", "http://")) {
            var e = assertThrows(ConfigException.class, () -> parse("", Map.of("HF_ENDPOINT", bad)), bad);
            assertTrue(e.getMessage().startsWith("HF_ENDPOINT must be an http(s) URL"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }
}
