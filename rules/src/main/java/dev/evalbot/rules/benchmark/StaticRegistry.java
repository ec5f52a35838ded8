package dev.evalbot.rules.benchmark;

import dev.evalbot.rules.model.Benchmark;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A fixed set of benchmarks, e.g. the ones shipped under {@code config/benchmarks/}. */
public final class StaticRegistry implements BenchmarkRegistry {
    public static final String HOW_TO_REGISTER = "a benchmark is registered when its dataset repository has an "
            + "eval.yaml and its id is listed under registry.benchmarks in evalbot's config";

    private final Map<String, Benchmark> benchmarks;

    public StaticRegistry(Collection<Benchmark> benchmarks) {
        Map<String, Benchmark> byId = new TreeMap<>();
        for (Benchmark b : benchmarks) {
            byId.put(b.id(), b);
        }
        this.benchmarks = Map.copyOf(byId);
    }

    @Override
    public Lookup lookup(String datasetId, String revision) {
        Benchmark b = benchmarks.get(datasetId);
        return b == null ? new Lookup.NotRegistered(HOW_TO_REGISTER) : new Lookup.Found(b);
    }

    @Override
    public Collection<String> ids() {
        return List.copyOf(new TreeMap<>(benchmarks).keySet());
    }

    public Collection<Benchmark> all() {
        return benchmarks.values();
    }
}
