package dev.evalbot.app.inbox;

/** What {@link Inbox#accept} did. Both outcomes are answered 2xx: the delivery is safe either way. */
public sealed interface AcceptResult {
    /**
     * Stored and committed.
     *
     * @param superseded how many queued reviews of older heads of the same subject this replaced
     */
    record Accepted(long id, int superseded) implements AcceptResult {}

    /** The key was seen before: nothing stored. */
    record Duplicate(String key) implements AcceptResult {}
}
