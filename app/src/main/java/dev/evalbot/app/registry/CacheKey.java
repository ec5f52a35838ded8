package dev.evalbot.app.registry;

/**
 * One cached lookup.
 *
 * @param revision the entry's {@code dataset.revision}, normalized; null reads {@code main}
 */
record CacheKey(String datasetId, String revision) {
    boolean immutable() {
        return DatasetIds.isFullSha(revision);
    }
}
