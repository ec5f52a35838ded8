package dev.evalbot.rules.benchmark;

import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.model.Benchmark;
import java.util.List;
import java.util.Optional;

/** A parsed {@code eval.yaml}: the benchmark when it is usable, and what the review says about it. */
public record BenchmarkFile(String path, Optional<Benchmark> benchmark, List<Finding> findings) {
    public BenchmarkFile {
        findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
