package dev.evalbot.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start migrates SQLite without Flyway, and leaves a store Flyway itself takes for its own. */
class SqliteMigrationsTest {
    @TempDir
    Path dir;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("evalbot.db");
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(url(), null, null).locations(Dialect.SQLITE.migrationLocation())
                .failOnMissingLocations(true).load();
    }

    @Test
    void theListOfScriptsIsTheDirectory() throws Exception {
        List<String> files;
        try (Stream<Path> list = Files.list(resourceDir())) {
            files = list.map(p -> p.getFileName().toString()).sorted((a, b) -> version(a) - version(b)).toList();
        }
        assertEquals(files, SqliteMigrations.SCRIPTS, "add a new script to SqliteMigrations.SCRIPTS");
    }

    @Test
    void aNewFileIsMigratedAndFlywayFindsNothingToDoAndNothingWrong() throws Exception {
        try (Connection c = DriverManager.getConnection(url())) {
            assertTrue(SqliteMigrations.migrate(c));
        }
        Flyway flyway = flyway();
        flyway.validate(); // throws on any difference in version, description, type, script or checksum
        assertEquals(0, flyway.info().pending().length);
        MigrationInfo[] applied = flyway.info().applied();
        assertEquals(SqliteMigrations.SCRIPTS.size(), applied.length);
        assertEquals("deliveries payload last", applied[2].getDescription());
        assertEquals(0, flyway.migrate().migrationsExecuted);
        assertEquals(tables(), tablesMigratedByFlyway());
    }

    @Test
    void aStoreFlywayMigratedHalfwayGetsTheRestAndOneFullyMigratedNothing() throws Exception {
        Flyway.configure().dataSource(url(), null, null).locations(Dialect.SQLITE.migrationLocation()).target("3")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url())) {
            assertTrue(SqliteMigrations.migrate(c));
            assertTrue(SqliteMigrations.migrate(c), "nothing left to do is done");
        }
        flyway().validate();
        assertEquals(SqliteMigrations.SCRIPTS.size(), flyway().info().applied().length);
        assertEquals(tablesMigratedByFlyway(), tables());
    }

    @Test
    void anEditedScriptIsLeftToFlywayWhichRefusesTheStore() throws Exception {
        try (Database db = Database.open(StoreConfig.of(url()))) {
            assertTrue(db.isReachable());
        }
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
            assertFalse(SqliteMigrations.migrate(c));
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(StoreConfig.of(url())));
        assertTrue(e.getMessage().startsWith("cannot migrate jdbc:sqlite:"), e.getMessage());
    }

    @Test
    void aStoreOfANewerBuildOrWithTablesButNoHistoryIsLeftToFlyway() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE other (x INTEGER)");
            assertFalse(SqliteMigrations.migrate(c));
            assertEquals(List.of("other:CREATE TABLE other (x INTEGER)"), tables(), "nothing changed");
            s.executeUpdate("DROP TABLE other");
            assertTrue(SqliteMigrations.migrate(c));
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'later', 'SQL',"
                    + " 'V99__later.sql', 1, '', 1, 1)");
            assertFalse(SqliteMigrations.migrate(c));
        }
    }

    private List<String> tables() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name || ':' || coalesce(sql, '') FROM sqlite_master"
                     + " WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flyway_%' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The schema Flyway makes of the same scripts in a file of its own. */
    private List<String> tablesMigratedByFlyway() throws Exception {
        Path other = dir.resolve("by-flyway");
        Files.createDirectories(other);
        String otherUrl = "jdbc:sqlite:" + other.resolve("evalbot.db");
        Flyway.configure().dataSource(otherUrl, null, null).locations(Dialect.SQLITE.migrationLocation()).load().migrate();
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(otherUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name || ':' || coalesce(sql, '') FROM sqlite_master"
                     + " WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flyway_%' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Path resourceDir() throws URISyntaxException {
        return Path.of(SqliteMigrationsTest.class.getClassLoader().getResource(SqliteMigrations.DIR).toURI());
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
