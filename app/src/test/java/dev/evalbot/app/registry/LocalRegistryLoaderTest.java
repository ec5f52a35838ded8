package dev.evalbot.app.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.benchmark.Lookup;
import dev.evalbot.rules.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegistryLoaderTest {
    private final LocalRegistryLoader loader = new LocalRegistryLoader(TestSupport.rules());

    @Test
    void theShippedDefinitionsLoad() {
        var registry = loader.load(TestSupport.CONFIG_DIR.resolve("benchmarks"));
        assertEquals(List.of("Idavidrein/gpqa", "MathArena/aime_2026", "TIGER-Lab/MMLU-Pro", "cais/hle", "openai/gsm8k"),
                List.copyOf(registry.ids()));
        var gsm8k = ((Lookup.Found) registry.lookup("openai/gsm8k", null)).benchmark();
        assertEquals("GSM8K", gsm8k.name());
        assertEquals("main", gsm8k.tasks().get(0).config());
    }

    @Test
    void aMissingDirectoryIsAnEmptyRegistry(@TempDir Path dir) {
        assertTrue(loader.load(dir.resolve("nope")).ids().isEmpty());
    }

    @Test
    void aBrokenDefinitionFailsWithFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("o/b/eval.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "name: B\ndescription: d\nevaluation_framework: inspect_ai\ntasks:\n  - id: a\n");
        var e = assertThrows(ConfigException.class, () -> loader.load(dir));
        assertEquals(file + ":3:23: 'inspect_ai' is not a known evaluation framework", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aDefinitionInTheWrongPlaceFails(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("o/eval.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, TestSupport.HUB_EVAL_YAML);
        var e = assertThrows(ConfigException.class, () -> loader.load(dir));
        assertTrue(e.getMessage().contains("a definition belongs at"), e.getMessage());
    }
}
