package dev.evalbot.app.inbox;

/** What {@link Inbox#accept} did. Every outcome is answered 2xx: the delivery is safe either way. */
public sealed interface AcceptResult {
    /**
     * Stored and committed.
     *
     * @param superseded how many queued reviews of older heads of the same subject this replaced
     */
    record Accepted(long id, int superseded) implements AcceptResult {}

    /**
     * Stored, and settled at once: a review of the same head was already queued and untried, so this
     * one is kept (its key counts as seen) but never claimed.
     *
     * @param into the key of the queued delivery that will do the work
     */
    record Coalesced(long id, String into) implements AcceptResult {}

    /** The key was seen before: nothing stored. */
    record Duplicate(String key) implements AcceptResult {}
}
