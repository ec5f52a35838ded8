package dev.evalbot.app.trust;

import dev.evalbot.rules.logs.InspectLog;

/** What reading the log a {@code source.url} names gave. */
public sealed interface CitedLog {
    /** The log, read from {@code url} (after the Hub's blob/ to resolve/ rewrite). */
    record Read(InspectLog log, String url) implements CitedLog {}

    /** The log could not be read: unreachable, too large, not a log. */
    record Unreadable(String reason) implements CitedLog {}
}
