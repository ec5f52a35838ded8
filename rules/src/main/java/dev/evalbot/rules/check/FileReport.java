package dev.evalbot.rules.check;

import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.ResultEntry;
import java.util.List;
import java.util.Optional;

/**
 * The review of one file: its entries (for a results file), its benchmark (for an eval.yaml),
 * and its findings, sorted by position.
 */
public record FileReport(String path, FileKind kind, List<ResultEntry> entries, Optional<Benchmark> benchmark,
        List<Finding> findings) {
    public FileReport {
        entries = List.copyOf(entries);
        findings = findings.stream()
                .sorted(java.util.Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column))
                .toList();
    }

    public Verdict verdict() {
        return Verdict.of(findings);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Entries that have no error of their own and sit in a file that parsed: what a leaderboard may use. */
    public List<ResultEntry> acceptedEntries() {
        boolean fileLevelError = findings.stream().anyMatch(f -> f.isError() && f.entry() == 0);
        if (fileLevelError) {
            return List.of();
        }
        return entries.stream()
                .filter(e -> findings.stream().noneMatch(f -> f.isError() && f.entry() == e.index()))
                .toList();
    }

    public List<Finding> findingsFor(int entryIndex) {
        return findings.stream().filter(f -> f.entry() == entryIndex).toList();
    }

    public FileReport withFindings(List<Finding> more) {
        var all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        return new FileReport(path, kind, entries, benchmark, all);
    }
}
