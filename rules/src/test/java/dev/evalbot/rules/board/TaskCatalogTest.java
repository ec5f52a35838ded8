package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.config.BenchmarkPolicy;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.config.TaskPolicy;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskCatalogTest {
    private static final Benchmark ASR = new Benchmark("org/asr", "ASR", "speech", "open-asr-leaderboard", List.of(
            new Task("wer", null, null, true, 1), new Task("rtf", null, null, false, 2),
            new Task("accuracy", null, null, false, 3)));

    @Test
    void declaredDirectionsAndTaskOrderComeFromEvalYamlAndConfigOverrides() {
        RulesConfig config = new RulesConfig(RulesConfig.DEFAULT.limits(), RulesConfig.DEFAULT.frameworks(),
                List.of("org/asr"), Map.of("org/asr", new BenchmarkPolicy(
                        Map.of("rtf", new TaskPolicy(null, null, null, true, null)), Map.of())),
                Map.of(), 24, 10);
        TaskCatalog catalog = TaskCatalog.of(config, List.of(ASR));
        assertTrue(catalog.lowerIsBetter("org/asr", "wer"), "declared in eval.yaml");
        assertTrue(catalog.lowerIsBetter("org/asr", "rtf"), "set by evalbot's config");
        assertFalse(catalog.lowerIsBetter("org/asr", "accuracy"));
        assertFalse(catalog.lowerIsBetter("org/other", "anything"), "higher is better by default");
        assertEquals(List.of("wer", "rtf", "accuracy"), catalog.taskOrder("org/asr"));
        assertEquals(List.of(), catalog.taskOrder("org/other"));
    }
}
