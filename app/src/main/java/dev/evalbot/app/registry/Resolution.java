package dev.evalbot.app.registry;

import dev.evalbot.rules.model.Benchmark;
import java.time.Instant;

/** What the Hub said about one {@link CacheKey}: the value the cache keeps, each kind for its own time. */
sealed interface Resolution {
    /**
     * A valid definition.
     *
     * @param notice where it was read, when that is not what the entry asked for; or null
     * @param immutable read at a full commit sha: it can be kept for good
     */
    record Resolved(Benchmark benchmark, String notice, Instant fetchedAt, boolean immutable) implements Resolution {}

    /** No eval.yaml: not a benchmark. */
    record Absent(String howToRegister) implements Resolution {}

    /** An eval.yaml that does not validate; {@code problem} is file:line:col and the first error. */
    record Invalid(String problem) implements Resolution {}

    /** The Hub could not answer. */
    record Failed(String reason) implements Resolution {}
}
