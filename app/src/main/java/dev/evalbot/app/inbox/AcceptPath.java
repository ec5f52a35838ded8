package dev.evalbot.app.inbox;

/**
 * How {@link Inbox#accept} gets a delivery committed, picked once when the inbox is built: straight
 * to SQLite's writer ({@link DirectAccept}), or grouped with concurrent accepts into one transaction
 * ({@link AcceptCommitter}) where each transaction has a connection of its own (PostgreSQL).
 */
interface AcceptPath {
    /**
     * @throws dev.evalbot.app.store.StoreUnavailableException when it cannot be committed now (or
     *     not within {@link InboxConfig#acceptTimeout()})
     */
    AcceptResult accept(NewDelivery d);
}
