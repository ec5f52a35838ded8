package dev.evalbot.rules.yaml;

/**
 * Bounds on what the loader accepts, so that no input can cost unbounded time or memory.
 *
 * @param maxBytes largest file accepted, checked before any parsing
 * @param maxEntries largest number of YAML nodes (scalars and collections) in one file
 * @param maxDepth deepest nesting of collections
 */
public record YamlLimits(int maxBytes, int maxEntries, int maxDepth) {
    public static final YamlLimits DEFAULT = new YamlLimits(1024 * 1024, 10_000, 64);

    public YamlLimits {
        if (maxBytes <= 0 || maxEntries <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("YAML limits must be positive");
        }
    }

    /** Nodes allowed: each results entry is about a dozen nodes, so the entry cap scales by that. */
    public int maxNodes() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxEntries * 32);
    }
}
