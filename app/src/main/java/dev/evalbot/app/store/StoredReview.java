package dev.evalbot.app.store;

import java.time.Instant;

/** A review as stored, with when it was last written. */
public record StoredReview(PullRef pull, Review review, Instant updatedAt) {}
