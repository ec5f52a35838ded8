package dev.evalbot.app.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server for a test class; each test gets a fresh database on it. A server started
 * with {@link #startRestartable} keeps its data directory and port, so it can be stopped (an
 * outage) and started again with the same databases at the same address.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;
    private boolean running = true;
    private final AtomicInteger databases = new AtomicInteger();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static EmbeddedPostgresServer start() {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().start(), null, 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    /** A server on a fixed port whose data survive {@link #stop()}, for {@link #startAgain()}. */
    public static EmbeddedPostgresServer startRestartable(Path dataDir) {
        int port = freePort();
        return new EmbeddedPostgresServer(launch(dataDir, port), dataDir, port);
    }

    private static EmbeddedPostgres launch(Path dataDir, int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Shuts the server down (fast shutdown: clients are disconnected); the data stay. */
    public void stop() {
        try {
            running = false;
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a stopped restartable server again, on the same port with the same data. */
    public void startAgain() {
        if (dataDir == null) {
            throw new IllegalStateException("only a server from startRestartable can start again");
        }
        postgres = launch(dataDir, port);
        running = true;
    }

    /** A JDBC URL of a new, empty database. */
    public String newDatabaseUrl() {
        String name = "evalbot_" + databases.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    @Override
    public void close() throws IOException {
        if (running) {
            running = false;
            postgres.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
