package dev.evalbot.rules.board;

import java.time.Instant;

/** One line of the list of leaderboards: what {@code GET /leaderboards} shows per benchmark. */
public record BoardSummary(String benchmarkId, int tasks, int models, Instant lastChange) {}
