package dev.evalbot.app.commands;

import java.util.List;

/**
 * The append-only log of commands. The integrator backs it with the store's {@code AuditStore};
 * tests keep it in memory. It also decides whether a refusal gets a reply (one per user per pull
 * request per hour), which makes that limit survive restarts and hold across instances.
 */
public interface CommandAudit {
    void record(AuditEntry entry);

    /** The pull request's latest {@code limit} entries, newest first. */
    List<AuditEntry> recent(String platform, String repo, int number, int limit);

    /** The repository's latest {@code limit} entries, newest first. */
    List<AuditEntry> byRepo(String platform, String repo, int limit);
}
