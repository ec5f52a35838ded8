package dev.evalbot.rules.benchmark;

import dev.evalbot.rules.benchmark.inspect.InspectRules;
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

    /**
     * Whether the benchmark can be registered and results checked against it: the file defines
     * its tasks as the Hub's format asks, even where Inspect's loader would refuse it (an
     * {@code inspect-*} error, e.g. {@code scores:} as the Hub's docs spell it). A pull request
     * changing the file is still invalid on such an error.
     */
    public boolean registrable() {
        return benchmark.isPresent()
                && findings.stream().noneMatch(f -> f.isError() && !InspectRules.reports(f.code()));
    }
}
