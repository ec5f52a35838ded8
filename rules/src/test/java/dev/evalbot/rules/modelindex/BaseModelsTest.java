package dev.evalbot.rules.modelindex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.rules.yaml.YamlLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaseModelsTest {
    final BaseModels base = new BaseModels(YamlLimits.DEFAULT);

    @Test
    void oneIdOrAListOfThem() {
        assertEquals(List.of("meta-llama/Llama-3.1-8B"), base.declared("""
                ---
                license: apache-2.0
                base_model: meta-llama/Llama-3.1-8B
                ---
                # A fine-tune
                """));
        assertEquals(List.of("a/one", "b/two"), base.declared("---\r\nbase_model:\r\n  - a/one\r\n  - ' b/two '\r\n---\r\n"));
    }

    @Test
    void nothingDeclaredIsEmpty() {
        assertEquals(List.of(), base.declared("---\nlicense: mit\n---\n"));
        assertEquals(List.of(), base.declared("---\nbase_model: null\n---\n"));
        assertEquals(List.of(), base.declared("---\nbase_model: ''\n---\n"));
        assertEquals(List.of(), base.declared("---\nbase_model: {a: b}\n---\n"));
        assertEquals(List.of(), base.declared("# no front matter\nbase_model: x/y\n"));
        assertEquals(List.of(), base.declared("---\nbase_model: x/y\n"), "never closed");
        assertEquals(List.of(), base.declared("---\nbase_model: [x/y\n---\n"), "not YAML");
        assertEquals(List.of(), base.declared(null));
    }
}
