package dev.evalbot.rules.benchmark;

import java.util.Collection;

/**
 * Where benchmark definitions come from. The rules engine only asks; implementations may be a
 * fixed set (the shipped {@code config/benchmarks/}) or, in the app, the live Hub behind a cache.
 */
public interface BenchmarkRegistry {
    /**
     * @param datasetId the entry's {@code dataset.id}
     * @param revision the entry's {@code dataset.revision}, or null
     */
    Lookup lookup(String datasetId, String revision);

    /** Registered ids, for "did you mean" hints. */
    Collection<String> ids();
}
