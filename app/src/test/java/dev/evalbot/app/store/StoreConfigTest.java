package dev.evalbot.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConfigTest {
    @Test
    void defaultsToAnSqliteFileUnderData() {
        StoreConfig c = StoreConfig.fromEnvironment(Map.of());
        assertEquals("jdbc:sqlite:data/evalbot.db", c.url());
        assertEquals(Dialect.SQLITE, c.dialect());
        assertEquals(StoreConfig.DEFAULT_POOL_SIZE, c.poolSize());
    }

    @Test
    void readsPostgresSettingsAndNeverPrintsThePassword() {
        StoreConfig c = StoreConfig.fromEnvironment(Map.of("EVALBOT_DB", "jdbc:postgresql://db:5432/evalbot?password=s3cret",
                "EVALBOT_DB_USER", "bot", "EVALBOT_DB_PASSWORD", "hunter2", "EVALBOT_DB_POOL_SIZE", "3"));
        assertEquals(Dialect.POSTGRESQL, c.dialect());
        assertEquals("bot", c.user());
        assertEquals(3, c.poolSize());
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertFalse(c.toString().contains("s3cret"), c.toString());
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThrows(IllegalArgumentException.class,
                () -> StoreConfig.fromEnvironment(Map.of("EVALBOT_DB", "jdbc:mysql://x/y")));
        assertThrows(IllegalArgumentException.class,
                () -> StoreConfig.fromEnvironment(Map.of("EVALBOT_DB_POOL_SIZE", "many")));
        assertThrows(IllegalArgumentException.class, () -> StoreConfig.of("jdbc:sqlite::memory:"));
        assertThrows(IllegalArgumentException.class, () -> StoreConfig.of("jdbc:sqlite:file:x?mode=memory"));
        assertEquals(Optional.of(Path.of("data/evalbot.db")),
                StoreConfig.of("jdbc:sqlite:file:data/evalbot.db?cache=private").sqliteFile());
        assertEquals(Optional.empty(), StoreConfig.of("jdbc:postgresql://db/evalbot").sqliteFile());
    }

    @Test
    void opensAndMigratesAFileInADirectoryItCreates(@TempDir Path dir) {
        Path file = dir.resolve("nested/data/evalbot.db");
        try (Database db = Database.open(StoreConfig.of("jdbc:sqlite:" + file))) {
            assertTrue(db.isReachable());
            assertEquals(Dialect.SQLITE, db.dialect());
            String journal = db.read("journal mode", c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("wal", journal);
        }
        assertTrue(Files.exists(file));
        try (Database again = Database.open(StoreConfig.of("jdbc:sqlite:" + file))) {
            assertTrue(again.isReachable(), "migrating an up-to-date file is a no-op");
        }
    }
}
