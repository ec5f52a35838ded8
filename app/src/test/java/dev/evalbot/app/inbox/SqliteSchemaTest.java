package dev.evalbot.app.inbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite: the deliveries table's layout ({@code store.SqliteDeliveryPlanTest}: the plans of its queries). */
class SqliteSchemaTest {
    @TempDir
    Path dir;

    String url() {
        return "jdbc:sqlite:" + dir.resolve("evalbot.db");
    }

    @Test
    void deliveriesStoredBeforeThePayloadMovedSurviveTheMoveAndIdsAreNotReused() throws Exception {
        Flyway.configure().dataSource(url(), null, null).locations("classpath:db/migration/sqlite").target("2")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                s.execute("INSERT INTO deliveries (delivery_key, platform, event, action, subject, head_sha, kind,"
                        + " payload, received_at, state, attempts, due_at, updated_at) VALUES ('old-" + i + "',"
                        + " 'github', 'issue_comment', 'created', 'github:o/r#" + i + "', NULL, 'command',"
                        + " X'7B7D', 1, 'pending', 0, 1, 1)");
            }
            s.execute("DELETE FROM deliveries WHERE delivery_key = 'old-3'"); // pruned: its id stays used
        }
        try (Database db = Database.open(StoreConfig.of(url()))) {
            try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('deliveries') ORDER BY cid DESC"
                         + " LIMIT 1")) {
                rs.next();
                assertEquals("payload", rs.getString(1), "the body is the last column");
            }
            Inbox inbox = new Inbox(db, InboxContractTest.CONFIG, MutableClock.atDefaultStart(), Jitter.none(),
                    new SimpleMeterRegistry(), PlatformModules.known(), LeaseSettings.of(InboxContractTest.CONFIG.lease()));
            AcceptResult.Accepted next = (AcceptResult.Accepted) inbox.accept(Deliveries.command("new", "github:o/r#9"));
            assertEquals(4, next.id());
            Claim old = inbox.claim().orElseThrow();
            assertEquals("old-1", old.delivery().key());
            assertArrayEquals("{}".getBytes(), old.delivery().payload());
            assertEquals(3, inbox.depth());
        }
    }
}
