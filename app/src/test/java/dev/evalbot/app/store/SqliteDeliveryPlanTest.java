package dev.evalbot.app.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite: the plans of the deliveries table's queries that run at every delivery. */
class SqliteDeliveryPlanTest {
    @TempDir
    Path dir;

    String url() {
        return "jdbc:sqlite:" + dir.resolve("evalbot.db");
    }

    @Test
    void theQueriesOfEveryDeliveryUseTheActiveIndexes() throws Exception {
        try (Database db = Database.open(StoreConfig.of(url()))) {
            assertTrue(plan(db, DeliveryWrites.SUPERSEDE, 6).contains("USING INDEX deliveries_subject"),
                    plan(db, DeliveryWrites.SUPERSEDE, 6));
            String claim = DeliveryStore.claimSql(db.dialect());
            assertTrue(plan(db, claim, 2).contains("USING INDEX deliveries_due"), plan(db, claim, 2));
            assertTrue(plan(db, claim, 2).contains("USING INDEX deliveries_subject"), plan(db, claim, 2));
        }
    }

    private static String plan(Database db, String sql, int parameters) {
        return db.read("explain", c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                for (int i = 1; i <= parameters; i++) {
                    ps.setString(i, "x");
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(4));
                    }
                }
                return String.join("\n", lines);
            }
        });
    }
}
