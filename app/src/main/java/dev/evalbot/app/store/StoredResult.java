package dev.evalbot.app.store;

import dev.evalbot.rules.tier.PrState;
import java.time.Instant;

/**
 * A reviewed entry with where it came from and what was decided about it.
 *
 * @param headSha the head the entry was reviewed at
 * @param updatedAt last change of the entry, its pull request's state or decision
 */
public record StoredResult(PullRef pull, String headSha, ReviewedEntry entry, PrState prState, Decision decision,
        Instant updatedAt) {}
