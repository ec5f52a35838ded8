package dev.evalbot.app.inbox;

/** What {@link DeliveryAdmin#replay} did. */
public enum ReplayResult {
    /** Pending again with no attempts used; workers take it in its subject's order. */
    REPLAYED,
    NOT_FOUND,
    /** A worker holds it right now; replaying would run it twice at once. */
    RUNNING
}
