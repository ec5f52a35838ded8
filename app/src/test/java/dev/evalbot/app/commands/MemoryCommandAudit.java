package dev.evalbot.app.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CommandAudit} in memory, for tests that do not need the database. */
public final class MemoryCommandAudit implements CommandAudit {
    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<AuditEntry> recent(String platform, String repo, int number, int limit) {
        return newestFirst(entries.stream().filter(e -> e.platform().equals(platform) && e.repo().equals(repo)
                && e.number() == number).toList(), limit);
    }

    @Override
    public List<AuditEntry> byRepo(String platform, String repo, int limit) {
        return newestFirst(entries.stream().filter(e -> e.platform().equals(platform) && e.repo().equals(repo))
                .toList(), limit);
    }

    public List<AuditEntry> all() {
        return List.copyOf(entries);
    }

    private static List<AuditEntry> newestFirst(List<AuditEntry> in, int limit) {
        List<AuditEntry> out = new ArrayList<>(in);
        java.util.Collections.reverse(out); // insertion order breaks ties like the store's id does
        out.sort(Comparator.comparing(AuditEntry::at).reversed());
        return out.subList(0, Math.min(limit, out.size()));
    }
}
