package dev.evalbot.app.store;

import java.time.Instant;

/** A review as stored, with when it was last written. */
public record StoredReview(PullRef pull, ReviewRow review, Instant updatedAt) {}
