package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only log of commands: who asked evalbot to approve, reject or hide what, and why. */
public final class AuditStore {
    private final Database db;

    public AuditStore(Database db) {
        this.db = db;
    }

    public void append(AuditRow e) {
        db.write("append to the audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (actor, command, args, acted_at,"
                    + " platform, repo, number, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.actor());
                ps.setString(2, e.command());
                ps.setString(3, e.args());
                ps.setLong(4, e.at().toEpochMilli());
                ps.setString(5, e.platform().code());
                ps.setString(6, e.repo());
                ps.setInt(7, e.number());
                ps.setString(8, e.outcome());
                Rows.setNullable(ps, 9, e.reason());
                return ps.executeUpdate();
            }
        });
    }

    /** The repository's commands, newest first. */
    public List<AuditRow> byRepo(PlatformId platform, String repo, int limit) {
        return query("read the audit log of " + repo, "platform = ? AND repo = ?", limit, platform.code(), repo);
    }

    /** The commands given on one pull request, newest first. */
    public List<AuditRow> byPull(PullRef pull, int limit) {
        return query("read the audit log of " + pull.subject(), "platform = ? AND repo = ? AND number = ?", limit,
                pull.platform().code(), pull.repo(), pull.number());
    }

    private List<AuditRow> query(String action, String where, int limit, Object... keys) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return db.read(action, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT actor, command, args, acted_at, platform, repo,"
                    + " number, outcome, reason FROM audit WHERE " + where + " ORDER BY acted_at DESC, id DESC LIMIT ?")) {
                int i = 1;
                for (Object key : keys) {
                    ps.setObject(i++, key);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditRow> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AuditRow(rs.getString(1), rs.getString(2), rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)), PlatformId.of(rs.getString(5)), rs.getString(6),
                                rs.getInt(7), rs.getString(8), rs.getString(9)));
                    }
                    return out;
                }
            }
        });
    }
}
