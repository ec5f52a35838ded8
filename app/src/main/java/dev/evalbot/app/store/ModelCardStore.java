package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.rules.board.ModelKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What each model's card declares as its {@code base_model}, as last read (a review of one of its
 * pull requests, a backfill of its checkout). A model whose card declares one is a derivative; the
 * Hub-shaped leaderboard leaves it out by default, as the Hub does.
 */
public final class ModelCardStore {
    private final Database db;
    private final Clock clock;

    public ModelCardStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param baseModels what the card declares now; empty when it declares none (or there is no card)
     * @return whether that differs from what was recorded before (a model never recorded declared none);
     *     only then is anything written
     */
    public boolean record(PlatformId platform, String repo, List<String> baseModels) {
        String value = baseModels.isEmpty() ? null : String.join("\n", baseModels);
        return db.write("record the model card of " + repo, c -> {
            String before = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT base_model FROM model_cards WHERE platform = ? AND repo = ?")) {
                ps.setString(1, platform.code());
                ps.setString(2, repo);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        before = rs.getString(1);
                    }
                }
            }
            if (Objects.equals(before, value)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_cards (platform, repo, base_model,"
                    + " updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (platform, repo) DO UPDATE"
                    + " SET base_model = excluded.base_model, updated_at = excluded.updated_at")) {
                ps.setString(1, platform.code());
                ps.setString(2, repo);
                Rows.setNullable(ps, 3, value);
                ps.setLong(4, clock.millis());
                ps.executeUpdate();
            }
            return true;
        });
    }

    /** The models whose card declares a base model, with the ids it declares. */
    public Map<ModelKey, List<String>> derived() {
        return db.read("read the declared base models", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT platform, repo, base_model FROM model_cards WHERE base_model IS NOT NULL");
                    ResultSet rs = ps.executeQuery()) {
                Map<ModelKey, List<String>> out = new HashMap<>();
                while (rs.next()) {
                    out.put(new ModelKey(rs.getString(1), rs.getString(2)), List.of(rs.getString(3).split("\n")));
                }
                return out;
            }
        });
    }
}
