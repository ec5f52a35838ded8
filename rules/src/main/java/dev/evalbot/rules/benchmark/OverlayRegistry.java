package dev.evalbot.rules.benchmark;

import dev.evalbot.rules.model.Benchmark;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/** A registry seen through the benchmarks that a change itself defines (its new eval.yaml). */
public final class OverlayRegistry implements BenchmarkRegistry {
    private final BenchmarkRegistry base;
    private final Map<String, Benchmark> overlay;

    public OverlayRegistry(BenchmarkRegistry base, Map<String, Benchmark> overlay) {
        this.base = base;
        this.overlay = Map.copyOf(overlay);
    }

    @Override
    public Lookup lookup(String datasetId, String revision) {
        Benchmark b = overlay.get(datasetId);
        return b != null ? new Lookup.Found(b, "checked against the eval.yaml of this change") : base.lookup(datasetId, revision);
    }

    @Override
    public Collection<String> ids() {
        TreeSet<String> ids = new TreeSet<>(base.ids());
        ids.addAll(overlay.keySet());
        return ids;
    }
}
