package dev.evalbot.app.inbox;

import java.time.Instant;

/**
 * A delivery a worker holds until {@code leaseUntil}. The token proves the lease: once the lease
 * has passed to another worker, this claim can no longer finish the delivery.
 */
public record Claim(Delivery delivery, String leaseToken, Instant leaseUntil) {}
