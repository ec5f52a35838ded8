package dev.evalbot.app.trust;

import dev.evalbot.rules.logs.RunLog;
import java.util.List;

/** What reading the log a {@code source.url} names gave. */
public sealed interface CitedLog {
    /**
     * The log's runs, read from {@code url} (after the Hub's blob/ to resolve/ rewrite): one for an
     * Inspect log, one per task for a lighteval results file.
     */
    record Read(List<RunLog> runs, String url) implements CitedLog {
        public Read {
            runs = List.copyOf(runs);
        }
    }

    /** The log could not be read: unreachable, too large, not a log. */
    record Unreadable(String reason) implements CitedLog {}
}
