package dev.evalbot.app.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Brings an SQLite store up to date without Flyway, in the one case a start meets: the store is
 * new, or its schema history holds exactly the first of the shipped scripts, unchanged. Flyway
 * costs about as much CPU as the rest of a start together (its plug-in registry, Jackson, scanning
 * the jar for scripts: 0.6 s when nothing is to do, 1.2 s on a new file), so a start does this and
 * leaves everything else (an edited script, a failed or unknown migration, tables without a
 * history) to Flyway, which reports it as before.
 *
 * <p>It writes {@code flyway_schema_history} exactly as Flyway does (same table, same checksum:
 * CRC32 over the script's lines without line breaks), so that Flyway accepts the store afterwards.
 * All pending scripts run in one transaction taken with the write lock, so a second process that
 * opens the file at the same moment waits and then finds them applied.
 */
final class SqliteMigrations {
    /** Every script under {@link #DIR}, in order; a test keeps it equal to the directory. */
    static final List<String> SCRIPTS = List.of("V1__inbox.sql", "V2__stores.sql", "V3__deliveries_payload_last.sql",
            "V4__results_source_attribution.sql", "V5__results_dataset_revision.sql", "V6__reviews_inputs.sql", "V7__results_repo_task.sql",
            "V8__model_cards.sql", "V9__results_log_checked.sql", "V10__reconcile_sweeps.sql",
            "V12__result_pulls_updated.sql", "V13__deliveries_event.sql");
    static final String DIR = "db/migration/sqlite/";
    static final String HISTORY = "flyway_schema_history";

    /** Flyway's own DDL for its history table on SQLite (Flyway 11). */
    private static final String CREATE_HISTORY = "CREATE TABLE \"" + HISTORY + "\" (\n"
            + "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
            + "    \"version\" VARCHAR(50),\n"
            + "    \"description\" VARCHAR(200) NOT NULL,\n"
            + "    \"type\" VARCHAR(20) NOT NULL,\n"
            + "    \"script\" VARCHAR(1000) NOT NULL,\n"
            + "    \"checksum\" INT,\n"
            + "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
            + "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
            + "    \"execution_time\" INT NOT NULL,\n"
            + "    \"success\" BOOLEAN NOT NULL\n"
            + ");\n"
            + "CREATE INDEX \"" + HISTORY + "_s_idx\" ON \"" + HISTORY + "\" (\"success\");";

    private SqliteMigrations() {
    }

    /** One shipped script: {@code V<version>__<description>.sql}. */
    record Script(String name, String version, String description, String sql, int checksum) {
        static Script load(String name) {
            String stem = name.substring(1, name.length() - ".sql".length());
            int sep = stem.indexOf("__");
            try (InputStream in = SqliteMigrations.class.getClassLoader().getResourceAsStream(DIR + name)) {
                if (in == null) {
                    throw new IllegalStateException("migration " + DIR + name + " is missing from the build");
                }
                StringBuilder sql = new StringBuilder();
                CRC32 crc = new CRC32();
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                boolean first = true;
                for (String line; (line = lines.readLine()) != null; first = false) {
                    if (first && line.startsWith("\uFEFF")) {
                        line = line.substring(1);
                    }
                    crc.update(line.getBytes(StandardCharsets.UTF_8));
                    sql.append(line).append('\n');
                }
                return new Script(name, stem.substring(0, sep), stem.substring(sep + 2).replace('_', ' '),
                        sql.toString(), (int) crc.getValue());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration " + DIR + name, e);
            }
        }
    }

    /**
     * Applies the pending scripts and returns true, or returns false having changed nothing when
     * the store is one only Flyway should judge.
     */
    static boolean migrate(Connection c) throws SQLException {
        c.setAutoCommit(false); // the data source begins IMMEDIATE: the write lock from here on
        try {
            boolean done = migrateLocked(c);
            if (done) {
                c.commit();
            } else {
                c.rollback();
            }
            return done;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static boolean migrateLocked(Connection c) throws SQLException {
        int applied;
        try (Statement s = c.createStatement()) {
            if (exists(s, HISTORY)) {
                applied = appliedPrefix(c);
                if (applied < 0) {
                    return false;
                }
            } else if (anyTable(s)) {
                return false; // tables but no history: Flyway refuses such a store with its own message
            } else {
                s.executeUpdate(CREATE_HISTORY);
                applied = 0;
            }
        }
        for (int i = applied; i < SCRIPTS.size(); i++) {
            Script script = Script.load(SCRIPTS.get(i));
            long started = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.executeUpdate(script.sql());
            }
            record(c, i + 1, script, (int) ((System.nanoTime() - started) / 1_000_000));
        }
        return true;
    }

    /**
     * How many scripts the history shows applied, when they are the first shipped ones in order,
     * each successful and unchanged; -1 for any other history.
     */
    private static int appliedPrefix(Connection c) throws SQLException {
        int applied = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT installed_rank, version, type,"
                + " script, checksum, success FROM " + HISTORY + " ORDER BY installed_rank")) {
            for (; rs.next(); applied++) {
                if (applied == SCRIPTS.size()) {
                    return -1; // a newer build migrated this store
                }
                Script script = Script.load(SCRIPTS.get(applied));
                Object checksum = rs.getObject(5);
                boolean same = rs.getInt(1) == applied + 1 && script.version().equals(rs.getString(2))
                        && "SQL".equals(rs.getString(3)) && script.name().equals(rs.getString(4))
                        && checksum instanceof Number n && n.intValue() == script.checksum() && rs.getBoolean(6);
                if (!same) {
                    return -1;
                }
            }
        }
        return applied;
    }

    private static void record(Connection c, int rank, Script script, int millis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + HISTORY + " (installed_rank, version,"
                + " description, type, script, checksum, installed_by, execution_time, success)"
                + " VALUES (?, ?, ?, 'SQL', ?, ?, '', ?, 1)")) {
            ps.setInt(1, rank);
            ps.setString(2, script.version());
            ps.setString(3, script.description());
            ps.setString(4, script.name());
            ps.setInt(5, script.checksum());
            ps.setInt(6, millis);
            ps.executeUpdate();
        }
    }

    private static boolean exists(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.next();
        }
    }

    private static boolean anyTable(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")) {
            return rs.next();
        }
    }
}
