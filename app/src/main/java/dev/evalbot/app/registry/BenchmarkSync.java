package dev.evalbot.app.registry;

import dev.evalbot.rules.benchmark.BenchmarkFile;
import dev.evalbot.rules.benchmark.BenchmarkParser;
import dev.evalbot.rules.model.Benchmark;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Refreshes one shipped definition from the Hub: reads {@code eval.yaml} at {@code main},
 * validates it, and only then replaces {@code <dir>/<owner>/<name>/eval.yaml} (atomically, so a
 * crash never leaves half a file).
 */
public final class BenchmarkSync {
    private final HubClient hub;
    private final BenchmarkParser parser;
    private final Path dir;

    public BenchmarkSync(HubClient hub, BenchmarkParser parser, Path dir) {
        this.hub = hub;
        this.parser = parser;
        this.dir = dir;
    }

    public SyncOutcome sync(String datasetId) {
        if (!DatasetIds.isDatasetId(datasetId)) {
            return new SyncOutcome.Rejected(datasetId, "not a Hub dataset id (owner/name)");
        }
        HubFetch fetch = hub.fetchEvalYaml(datasetId, "main");
        if (fetch instanceof HubFetch.NotFound nf) {
            return new SyncOutcome.Rejected(datasetId, "no eval.yaml on the Hub (" + nf.detail() + ")");
        }
        if (fetch instanceof HubFetch.TooLarge t) {
            return new SyncOutcome.Rejected(datasetId, "eval.yaml is larger than " + t.limit() + " bytes");
        }
        if (fetch instanceof HubFetch.Failed f) {
            return new SyncOutcome.Failed(datasetId, f.reason());
        }
        byte[] bytes = ((HubFetch.Fetched) fetch).bytes();
        BenchmarkFile parsed = parser.parse(datasetId, datasetId + "/eval.yaml", bytes);
        if (!parsed.registrable()) {
            return new SyncOutcome.Rejected(datasetId, DefinitionErrors.firstError(parsed));
        }
        Benchmark fresh = parsed.benchmark().get();
        Path target = dir.resolve(datasetId).resolve(LocalRegistryLoader.FILE_NAME);
        try {
            Optional<byte[]> existing = Files.isRegularFile(target) ? Optional.of(Files.readAllBytes(target))
                    : Optional.empty();
            if (existing.isPresent() && Arrays.equals(existing.get(), bytes)) {
                return new SyncOutcome.Unchanged(datasetId);
            }
            write(target, bytes);
            if (existing.isEmpty()) {
                return new SyncOutcome.Added(datasetId, fresh.taskIds());
            }
            List<String> before = parser.parse(datasetId, target.toString(), existing.get()).benchmark()
                    .map(Benchmark::taskIds).orElse(List.of());
            return new SyncOutcome.Updated(datasetId,
                    fresh.taskIds().stream().filter(t -> !before.contains(t)).toList(),
                    before.stream().filter(t -> !fresh.taskIds().contains(t)).toList());
        } catch (IOException e) {
            return new SyncOutcome.Failed(datasetId, "cannot write " + target + ": " + e.getClass().getSimpleName());
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".eval", ".yaml.tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
