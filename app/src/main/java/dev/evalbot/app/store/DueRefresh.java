package dev.evalbot.app.store;

import java.time.Instant;

/**
 * A leaderboard refresh claimed by {@link RefreshStore#claimDue}; pass it back to
 * {@link RefreshStore#complete} when the refresh is done.
 */
public record DueRefresh(String benchmarkId, Instant dueAt, String leaseToken) {}
