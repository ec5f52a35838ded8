package dev.evalbot.rules.check;

import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.benchmark.OverlayRegistry;
import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.DatasetRef;
import dev.evalbot.rules.model.ResultEntry;
import dev.evalbot.rules.yaml.Position;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reviews every file of a change the same way for the CLI, the GitHub server and the Hub: the
 * eval.yaml first (so that results in the same change are checked against it), then the results
 * files, then the checks across files.
 */
public final class ChangeValidator {
    private final RulesConfig config;
    private final BenchmarkRegistry registry;
    private final Clock clock;
    private final BenchmarkParser benchmarkParser;

    public ChangeValidator(RulesConfig config, BenchmarkRegistry registry, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.benchmarkParser = new BenchmarkParser(config);
    }

    /**
     * @param repoId the repository the change targets ({@code owner/name}); an eval.yaml in it
     *     defines the benchmark with that id
     */
    public ChangeReport validate(String repoId, List<ChangedFile> files) {
        List<FileReport> reports = new ArrayList<>();
        List<Finding> changeFindings = new ArrayList<>();
        List<ChangedFile> reviewed = files.stream().filter(f -> f.kind() != FileKind.OTHER).toList();
        if (reviewed.size() > config.maxFilesPerChange()) {
            changeFindings.add(new Finding(FileCodes.TOO_MANY_FILES.code(), Severity.ERROR, "(change)", 0, 0, 0,
                    "the change has " + reviewed.size() + " files to review; the limit is "
                            + config.maxFilesPerChange(), "split it into smaller pull requests"));
            return new ChangeReport(List.of(), changeFindings);
        }
        Map<String, Benchmark> defined = new HashMap<>();
        for (ChangedFile f : reviewed) {
            if (f.kind() == FileKind.BENCHMARK && f.bytes() != null) {
                FileReport r = reviewBenchmark(repoId, f);
                r.benchmark().ifPresent(b -> defined.put(b.id(), b));
                reports.add(r);
            }
        }
        var validator = new ResultsValidator(config,
                defined.isEmpty() ? registry : new OverlayRegistry(registry, defined), clock);
        for (ChangedFile f : reviewed) {
            if (f.kind() == FileKind.RESULTS && f.bytes() != null) {
                reports.add(validator.validate(f.path(), f.bytes(), f.size()));
            }
        }
        return new ChangeReport(flagDuplicates(reports), changeFindings);
    }

    /**
     * What a verdict depends on besides the change's own files, as text to digest: the rules and
     * the definitions of {@code datasets} (their {@code id} and {@code revision}) as the registry
     * answers now. Two equal texts mean the same files get the same findings.
     */
    public String dependencies(Collection<DatasetRef> datasets) {
        StringBuilder out = new StringBuilder(config.toString());
        for (DatasetRef d : datasets) {
            out.append('\n').append(d.id()).append(' ').append(d.revision()).append(' ')
                    .append(registry.lookup(d.id(), d.revision()));
        }
        return out.toString();
    }

    private FileReport reviewBenchmark(String repoId, ChangedFile f) {
        BenchmarkFile parsed = benchmarkParser.parse(repoId, f.path(), f.bytes());
        List<Finding> findings = new ArrayList<>(parsed.findings());
        if (parsed.benchmark().isPresent() && f.previous() != null) {
            BenchmarkFile before = benchmarkParser.parse(repoId, f.path(), f.previous());
            before.benchmark().ifPresent(old -> findings.addAll(taskChanges(f.path(), old, parsed.benchmark().get())));
        }
        return new FileReport(f.path(), FileKind.BENCHMARK, List.of(), parsed.benchmark(), findings);
    }

    /** What an eval.yaml change does to results that already point at its tasks. */
    private List<Finding> taskChanges(String path, Benchmark before, Benchmark after) {
        List<Finding> out = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>(before.taskIds());
        removed.removeAll(after.taskIds());
        Set<String> added = new LinkedHashSet<>(after.taskIds());
        added.removeAll(before.taskIds());
        for (String id : removed) {
            String hint = added.size() == 1 ? "if it was renamed to '" + added.iterator().next()
                    + "', existing results must change their task_id" : null;
            out.add(new Finding(ChangeCodes.TASK_REMOVED.code(), ChangeCodes.TASK_REMOVED.severity(), path,
                    before.task(id).map(t -> t.line()).orElse(0), 0, 0,
                    "task '" + id + "' is removed: results that point at it will stop matching", hint));
        }
        for (String id : added) {
            out.add(new Finding(ChangeCodes.TASK_ADDED.code(), ChangeCodes.TASK_ADDED.severity(), path,
                    after.task(id).map(t -> t.line()).orElse(0), 0, 0, "task '" + id + "' is added", null));
        }
        return out;
    }

    private List<FileReport> flagDuplicates(List<FileReport> reports) {
        Map<String, String> firstSeen = new HashMap<>();
        List<FileReport> out = new ArrayList<>(reports.size());
        for (FileReport report : reports) {
            List<Finding> extra = new ArrayList<>();
            // Entries with errors are already reported; a duplicate of a broken entry is noise.
            for (ResultEntry e : report.acceptedEntries()) {
                if (e.datasetId() == null || e.taskId() == null) {
                    continue;
                }
                String key = e.datasetId() + "\u0000" + e.taskId() + "\u0000" + normalise(e.notes());
                String here = report.path() + ":" + e.line();
                String first = firstSeen.putIfAbsent(key, here);
                if (first != null) {
                    config.severity(e.datasetId(), ChangeCodes.DUPLICATE_ENTRY.code(),
                            ChangeCodes.DUPLICATE_ENTRY.severity()).ifPresent(s -> extra.add(new Finding(
                                    ChangeCodes.DUPLICATE_ENTRY.code(), s, report.path(), e.line(),
                                    Position.START.column(), e.index(),
                                    "the same dataset, task and notes are reported twice (first at " + first + ")",
                                    "if these are different setups, say how in notes; otherwise keep one")));
                }
            }
            out.add(extra.isEmpty() ? report : report.withFindings(extra));
        }
        return out;
    }

    private static String normalise(String notes) {
        return Optional.ofNullable(notes).map(n -> n.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT))
                .orElse("");
    }
}
