package dev.evalbot.app.inbox;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What an operator does with the inbox: look at deliveries, and replay one. */
public final class DeliveryAdmin {
    private final Database db;
    private final Clock clock;
    private final Runnable onReplay;

    /** @param onReplay called after a replay, to wake workers in this process */
    public DeliveryAdmin(Database db, Clock clock, Runnable onReplay) {
        this.db = db;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /** For a separate process (the CLI): workers elsewhere notice the replay at their next poll. */
    public DeliveryAdmin(Database db, Clock clock) {
        this(db, clock, () -> { });
    }

    /** Dead-lettered deliveries, most recently failed first. */
    public List<DeliveryRecord> deadLetters(int limit) {
        return list("WHERE state = 'dead' ORDER BY updated_at DESC, id DESC", limit);
    }

    /** The latest deliveries in any state, newest first. */
    public List<DeliveryRecord> recent(int limit) {
        return list("ORDER BY id DESC", limit);
    }

    /**
     * Makes a delivery pending again with its attempts reset, whatever state it ended in. It keeps
     * its place in its subject's order.
     */
    public ReplayResult replay(String key) {
        long now = clock.millis();
        ReplayResult result = db.write("replay delivery " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET state = 'pending', attempts = 0,"
                    + " due_at = ?, updated_at = ?, completed_at = NULL, lease_token = NULL WHERE delivery_key = ?"
                    + " AND NOT (state = 'running' AND due_at > ?)")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setString(3, key);
                ps.setLong(4, now);
                if (ps.executeUpdate() == 1) {
                    return ReplayResult.REPLAYED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM deliveries WHERE delivery_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? ReplayResult.RUNNING : ReplayResult.NOT_FOUND;
                }
            }
        });
        if (result == ReplayResult.REPLAYED) {
            onReplay.run();
        }
        return result;
    }

    private List<DeliveryRecord> list(String where, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return db.read("list deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT delivery_key, platform, event, action, subject,"
                    + " head_sha, kind, state, attempts, last_error, received_at, updated_at FROM deliveries "
                    + where + " LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<DeliveryRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new DeliveryRecord(rs.getString(1), PlatformId.of(rs.getString(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), DeliveryKind.of(rs.getString(7)),
                                DeliveryState.of(rs.getString(8)), rs.getInt(9), rs.getString(10),
                                Instant.ofEpochMilli(rs.getLong(11)), Instant.ofEpochMilli(rs.getLong(12))));
                    }
                    return out;
                }
            }
        });
    }
}
