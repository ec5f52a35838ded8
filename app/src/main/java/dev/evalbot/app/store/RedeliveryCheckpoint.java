package dev.evalbot.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/** Where the last check of failed GitHub deliveries reached, in the store (a row of {@code reconcile_sweeps}). */
public final class RedeliveryCheckpoint {
    private static final String NAME = "github-redeliveries";
    private final Database db;

    public RedeliveryCheckpoint(Database db) {
        this.db = db;
    }

    public Instant last() {
        return db.read("read the redelivery checkpoint", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT until_at FROM reconcile_sweeps WHERE name = ?")) {
                ps.setString(1, NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Instant.ofEpochMilli(rs.getLong(1)) : null;
                }
            }
        });
    }

    public void reached(Instant when) {
        db.write("move the redelivery checkpoint", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reconcile_sweeps (name, holder, until_at)"
                    + " VALUES (?, '-', ?) ON CONFLICT (name) DO UPDATE SET until_at = excluded.until_at")) {
                ps.setString(1, NAME);
                ps.setLong(2, when.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }
}
