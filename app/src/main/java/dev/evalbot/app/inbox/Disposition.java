package dev.evalbot.app.inbox;

/** Where a delivery went after {@link Inbox#finish}. */
public enum Disposition {
    COMPLETED,
    RETRY_SCHEDULED,
    DEAD_LETTERED,
    /** The lease had passed to another worker: this result was not recorded. */
    LEASE_LOST
}
