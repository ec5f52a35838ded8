package dev.evalbot.rules.config;

import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.YamlLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the rules engine reads from {@code config/evalbot.yaml}, read once and immutable.
 *
 * @param frameworks evaluation framework ids accepted in {@code eval.yaml}
 * @param registeredBenchmarks dataset ids that count as benchmarks (the allow-list)
 * @param rules global severity overrides by finding code (empty = rule off)
 * @param futureDateGraceHours how far ahead of now a date may be before it counts as future,
 *     so that an author east of UTC who writes today's date is not refused
 */
public record RulesConfig(
        YamlLimits limits,
        Set<String> frameworks,
        List<String> registeredBenchmarks,
        Map<String, BenchmarkPolicy> benchmarks,
        Map<String, Optional<Severity>> rules,
        int futureDateGraceHours,
        int maxFilesPerChange) {

    /**
     * The Hub's {@code evaluation_framework} values: {@code EVALUATION_FRAMEWORKS} in huggingface.js
     * {@code packages/tasks/src/eval.ts} at fe42e68017ffc76d09922ea8f9b38a6964345710 (2026-08-21), in its
     * order. config/evalbot.yaml repeats it; docs/eval-yaml.md says how both are updated.
     */
    public static final List<String> HUB_FRAMEWORKS = List.of(
            "exgentic", "inspect-ai", "math-arena", "mteb", "olmocr-bench", "harbor", "ifstruct", "pier",
            "redline-bench", "archipelago", "benchflow", "apex-evals", "screenspot-pro", "swe-bench",
            "swe-bench-pro", "nemo-evaluator", "yc-bench", "open-asr-leaderboard", "mdpbench", "real5-omnidocbench",
            "parsebench", "video-mme-v2", "claw-eval", "researchclawbench", "pbench", "wildclawbench", "wbench",
            "nanofold", "mmmu", "extractbench");

    public static final RulesConfig DEFAULT = new RulesConfig(YamlLimits.DEFAULT, Set.copyOf(HUB_FRAMEWORKS),
            List.of(), Map.of(), Map.of(), 24, 10_000);

    public RulesConfig {
        frameworks = Set.copyOf(frameworks);
        registeredBenchmarks = List.copyOf(registeredBenchmarks);
        benchmarks = Map.copyOf(benchmarks);
        rules = Map.copyOf(rules);
    }

    public RulesConfig withMaxFilesPerChange(int max) {
        return new RulesConfig(limits, frameworks, registeredBenchmarks, benchmarks, rules, futureDateGraceHours, max);
    }

    public BenchmarkPolicy benchmark(String datasetId) {
        return datasetId == null ? BenchmarkPolicy.NONE : benchmarks.getOrDefault(datasetId, BenchmarkPolicy.NONE);
    }

    /** The severity of {@code code} for entries of {@code datasetId}; empty when switched off. */
    public Optional<Severity> severity(String datasetId, String code, Severity byDefault) {
        Optional<Severity> perBenchmark = benchmark(datasetId).rules().get(code);
        if (perBenchmark != null) {
            return perBenchmark;
        }
        Optional<Severity> global = rules.get(code);
        return global != null ? global : Optional.of(byDefault);
    }
}
