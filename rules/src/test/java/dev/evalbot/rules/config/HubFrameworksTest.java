package dev.evalbot.rules.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.rules.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The frameworks list is the Hub's ({@code EVALUATION_FRAMEWORKS} in huggingface.js
 * {@code packages/tasks/src/eval.ts} at fe42e68017ffc76d09922ea8f9b38a6964345710): the code's
 * default and the shipped config/evalbot.yaml hold the same ids, so updating one without the
 * other fails here (docs/eval-yaml.md).
 */
class HubFrameworksTest {
    @Test
    void theShippedConfigAndTheDefaultHoldTheHubsList() {
        assertEquals(30, RulesConfig.HUB_FRAMEWORKS.size());
        assertEquals(30, Set.copyOf(RulesConfig.HUB_FRAMEWORKS).size(), "no id twice");
        assertEquals(Set.copyOf(RulesConfig.HUB_FRAMEWORKS), Fixtures.config().frameworks());
        assertEquals(Set.copyOf(RulesConfig.HUB_FRAMEWORKS), RulesConfig.DEFAULT.frameworks());
    }

    @Test
    void frameworksTheHubAddedSinceTheLastUpdateAreKnown() {
        for (String id : new String[] {"ifstruct", "pier", "redline-bench", "benchflow", "real5-omnidocbench",
            "researchclawbench", "pbench", "wbench", "nanofold", "mmmu", "extractbench"}) {
            assertEquals(true, Fixtures.config().frameworks().contains(id), id);
        }
    }
}
