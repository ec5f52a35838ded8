package dev.evalbot.app.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's connection to its database: opens it, migrates it, and runs work in transactions.
 * The one class (with {@link Dialect}) that knows SQLite from PostgreSQL.
 *
 * <p>Every failure surfaces as a {@link StoreException}; a {@link StoreUnavailableException} means
 * nothing was committed and a later try may succeed.
 */
public final class Database implements AutoCloseable {
    /** A PostgreSQL transaction that lost a serialisation race or deadlock is run again this often. */
    private static final int RACE_RETRIES = 3;
    /** Most works in one SQLite transaction. */
    private static final int MAX_GROUP = 256;
    /** Longest {@link #isWritable} waits for a lock or connection: a commit in flight takes milliseconds. */
    static final Duration PROBE_WAIT = Duration.ofMillis(500);
    /** Room {@link #isWritable} wants for the next writes: a few typical deliveries with their indexes. */
    static final long HEADROOM_BYTES = 256 * 1024;

    private final StoreConfig config;
    private final DataSource dataSource;
    private final Connections connections;
    /** SQLite: every write goes through one group-committing writer; null on PostgreSQL. */
    private final SqliteWriter writer;

    private Database(StoreConfig config, DataSource dataSource, Connections connections) {
        this.config = config;
        this.dataSource = dataSource;
        this.connections = connections;
        // A write waited up to the busy timeout for this process's lock and then as long for SQLite's.
        this.writer = config.dialect() == Dialect.SQLITE
                ? new SqliteWriter(connections, config.busyTimeout().multipliedBy(2), MAX_GROUP, () -> { }) : null;
    }

    /**
     * Opens the database named by the config, creating an SQLite file's directory, and brings the
     * schema up to date.
     *
     * @throws StoreUnavailableException when the database cannot be reached or written
     * @throws StoreException when the schema cannot be migrated
     */
    public static Database open(StoreConfig config) {
        Dialect dialect = config.dialect();
        DataSource ds = dialect == Dialect.SQLITE ? sqlite(config) : postgres(config);
        migrate(ds, dialect, config);
        Connections connections = dialect == Dialect.SQLITE
                ? new SqliteConnections(ds, config.busyTimeout())
                : new PostgresPool(ds, config.poolSize(), config.busyTimeout());
        return new Database(config, ds, connections);
    }

    public Dialect dialect() {
        return config.dialect();
    }

    public StoreConfig config() {
        return config;
    }

    /** The underlying data source, for tools; the stores go through {@link #write} and {@link #read}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction and commits it; on any failure nothing is kept. Returns
     * once committed.
     *
     * <p>On SQLite the work runs in a savepoint of a transaction shared with the writes queued at
     * the same moment (group commit: one fsync for all of them); it sees the writes queued before it
     * as if they had committed, and must not commit, roll back or change auto-commit itself (see
     * {@link #writeAlone}). A write from inside a work joins the enclosing transaction.
     *
     * <p>The work runs again when the transaction lost a race, or when a pooled connection turned
     * out dead before the commit was sent (the server restarted meanwhile): nothing can have been
     * kept then, and the pool has dropped its other stale connections, so the next try gets a fresh one.
     */
    public <T> T write(String action, SqlWork<T> work) {
        if (writer != null) {
            return writer.write(action, work);
        }
        return writeAlone(action, work);
    }

    /**
     * Like {@link #write}, for a caller that answers a request once it committed (a webhook): on
     * SQLite it goes into the next transaction ahead of the writes queued by other work, and waits at
     * most {@code timeout} for its commit.
     *
     * @throws StoreUnavailableException when it was not committed within the timeout (a transaction
     *     that had not begun leaves it out; one that had may still commit it)
     */
    public <T> T writeFirst(String action, Duration timeout, SqlWork<T> work) {
        if (writer != null) {
            return writer.write(action, work, timeout, true);
        }
        return writeAlone(action, work);
    }

    /** Whether concurrent {@link #write}s already share one transaction and one commit (SQLite). */
    public boolean groupCommits() {
        return writer != null;
    }

    /** Like {@link #write}, in a transaction of its own, for work that manages the connection itself. */
    public <T> T writeAlone(String action, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            boolean[] committing = {false};
            try {
                return transaction(work, committing);
            } catch (SQLException e) {
                if (attempt < RACE_RETRIES && (SqlErrors.isRetryable(e) || deadBeforeCommit(e, committing[0]))) {
                    continue;
                }
                throw SqlErrors.translate(action, e);
            }
        }
    }

    /** Runs read-only {@code work}; each statement sees committed data. Runs it again on a dead pooled connection. */
    public <T> T read(String action, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            Connection c = null;
            boolean broken = false;
            try {
                c = connections.acquire(false);
                return work.run(c);
            } catch (SQLException e) {
                broken = SqlErrors.breaksConnection(e);
                if (attempt < RACE_RETRIES && c != null && broken) {
                    continue;
                }
                throw SqlErrors.translate(action, e);
            } finally {
                if (c != null) {
                    connections.release(c, false, broken);
                }
            }
        }
    }

    /** The connection died while the work ran, not while connecting nor while committing. */
    private static boolean deadBeforeCommit(SQLException e, boolean committing) {
        return !committing && e instanceof DeadConnection;
    }

    /**
     * For {@code /readyz}: true when a delivery could be committed now. Never throws, and waits at
     * most {@link #PROBE_WAIT} for a lock or a connection.
     *
     * <p>A query is not enough: an SQLite file locked by another process, or full, still answers
     * reads in WAL mode while every accept fails. So the probe does what an accept needs, without
     * writing: on SQLite it takes the write lock ({@code BEGIN IMMEDIATE}) and gives it back, then
     * checks that the file may grow by {@link #HEADROOM_BYTES} (its {@code max_page_count}, and the
     * free space of the file system it lives on); on PostgreSQL it asks a write connection whether
     * it may write ({@code transaction_read_only}: off, not a standby). Nothing is committed or
     * synced, so it stays cheap at any probe rate. Remembering the last failed accept instead would
     * be cheaper still, but could only turn ready again after another accept succeeded, and an
     * orchestrator sends no traffic to a pod that is not ready.
     */
    public boolean isWritable() {
        Connection c = null;
        boolean broken = false;
        try {
            c = connections.acquire(true, PROBE_WAIT);
            return dialect() == Dialect.SQLITE ? sqliteWritable(c) : postgresWritable(c);
        } catch (SQLException e) {
            broken = true; // reopened at the next use: the probe must not leave a half-done transaction behind
            return false;
        } catch (RuntimeException | IOException e) {
            return false;
        } finally {
            if (c != null) {
                connections.release(c, true, broken);
            }
        }
    }

    private boolean sqliteWritable(Connection c) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + PROBE_WAIT.toMillis());
            try {
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
            } finally {
                s.execute("PRAGMA busy_timeout = " + config.busyTimeout().toMillis());
            }
            long room = (pragma(s, "max_page_count") - pragma(s, "page_count") + pragma(s, "freelist_count"))
                    * pragma(s, "page_size");
            if (room < HEADROOM_BYTES) {
                return false;
            }
        }
        Path file = config.sqliteFile().orElseThrow().toAbsolutePath();
        return Files.getFileStore(file).getUsableSpace() >= HEADROOM_BYTES;
    }

    private static boolean postgresWritable(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW transaction_read_only")) {
            return rs.next() && "off".equalsIgnoreCase(rs.getString(1));
        }
    }

    private static long pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** For tools: true when a query reaches the database file or server now. Never throws. */
    public boolean isReachable() {
        try {
            return read("ping", c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
                    return rs.next();
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        connections.close();
    }

    private <T> T transaction(SqlWork<T> work, boolean[] committing) throws SQLException {
        Connection c = connections.acquire(true);
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            committing[0] = true;
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            boolean dead = e instanceof SQLException s && SqlErrors.breaksConnection(s);
            broken = !QuietJdbc.rollback(c) || dead;
            if (dead && !committing[0]) {
                throw new DeadConnection((SQLException) e);
            }
            throw e;
        } finally {
            broken |= !QuietJdbc.autoCommit(c);
            connections.release(c, true, broken);
        }
    }

    /** The connection of a transaction broke before its commit was sent: nothing was kept. */
    private static final class DeadConnection extends SQLException {
        private static final long serialVersionUID = 1L;

        DeadConnection(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }



    private static DataSource sqlite(StoreConfig config) {
        createParentDirectory(config.sqliteFile().orElseThrow());
        SQLiteConfig sqlite = new SQLiteConfig();
        // WAL lets the reader run beside the writer. synchronous=FULL fsyncs the WAL at every commit,
        // so an accepted delivery survives power loss and an OS crash, not only kill -9 (which NORMAL
        // survives too: the commit is in the OS's page cache). The 2xx tells GitHub not to send it again,
        // so the promise must hold. Cost (AcceptCostBench, 2,000 accepts of 8 KiB, 2 busy shared cores):
        // FULL 265-1,840 accepts/s, median ~700 (0.5-3.8 ms each); NORMAL 580-1,740, median ~1,060. A
        // webhook server sees a few deliveries a second at most, so durability wins.
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.busyTimeout().toMillis()));
        sqlite.enforceForeignKeys(true);
        // Take the write lock at BEGIN, not at the first write: a transaction that read first and then
        // found the lock taken could only fail, never wait.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl(config.url());
        return ds;
    }

    private static DataSource postgres(StoreConfig config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(config.url());
        if (config.user() != null) {
            ds.setUser(config.user());
        }
        if (config.password() != null) {
            ds.setPassword(config.password());
        }
        // Bounded waits: a webhook must be answered within 10 s even when the server hangs.
        ds.setConnectTimeout(seconds(config.busyTimeout()));
        ds.setSocketTimeout(30);
        ds.setTcpKeepAlive(true);
        ds.setApplicationName("evalbot");
        return ds;
    }

    private static void migrate(DataSource ds, Dialect dialect, StoreConfig config) {
        if (dialect == Dialect.SQLITE && migratedWithoutFlyway(ds, config)) {
            return;
        }
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(dialect.migrationLocation())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            // Flyway's own message is a multi-line report; the driver's says the same in one line.
            SQLException sql = sqlCause(e);
            String message = "cannot migrate " + config.redactedUrl() + ": "
                    + SqlErrors.oneLine(sql != null ? sql.getMessage() : e.getMessage());
            throw sql != null && SqlErrors.isUnavailable(sql)
                    ? new StoreUnavailableException(message, e) : new StoreException(message, e);
        }
    }

    /** The usual start, a new or up-to-date SQLite file, without Flyway's cost ({@link SqliteMigrations}). */
    private static boolean migratedWithoutFlyway(DataSource ds, StoreConfig config) {
        try (Connection c = ds.getConnection()) {
            return SqliteMigrations.migrate(c);
        } catch (SQLException e) {
            String message = "cannot migrate " + config.redactedUrl() + ": " + SqlErrors.oneLine(e.getMessage());
            throw SqlErrors.isUnavailable(e) ? new StoreUnavailableException(message, e) : new StoreException(message, e);
        }
    }

    private static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the database directory " + parent + ": " + e, e);
        }
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toSeconds()));
    }
}
