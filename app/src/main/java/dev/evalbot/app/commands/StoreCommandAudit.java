package dev.evalbot.app.commands;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.AuditRow;
import dev.evalbot.app.store.AuditStore;
import dev.evalbot.app.store.PullRef;
import java.util.List;

/** {@link CommandAudit} on the store's audit table. */
public final class StoreCommandAudit implements CommandAudit {
    private final AuditStore store;

    public StoreCommandAudit(AuditStore store) {
        this.store = store;
    }

    @Override
    public void record(AuditEntry e) {
        store.append(new AuditRow(e.actor(), e.command(), e.args(), e.at(),
                PlatformId.of(e.platform()), e.repo(), e.number(), e.outcome(), e.reason()));
    }

    @Override
    public List<AuditEntry> recent(String platform, String repo, int number, int limit) {
        return store.byPull(new PullRef(PlatformId.of(platform), repo, number), limit).stream()
                .map(StoreCommandAudit::toCommands).toList();
    }

    @Override
    public List<AuditEntry> byRepo(String platform, String repo, int limit) {
        return store.byRepo(PlatformId.of(platform), repo, limit).stream().map(StoreCommandAudit::toCommands).toList();
    }

    private static AuditEntry toCommands(AuditRow e) {
        return new AuditEntry(e.actor(), e.command(), e.args(), e.at(), e.platform().code(), e.repo(), e.number(),
                e.outcome(), e.reason());
    }
}
