package dev.evalbot.app.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store lives and how to reach it.
 *
 * @param url JDBC URL: {@code jdbc:sqlite:path/to/file.db} or {@code jdbc:postgresql://host/db}
 * @param user PostgreSQL user, or null to take it from the URL
 * @param password PostgreSQL password, or null to take it from the URL
 * @param poolSize most PostgreSQL connections held open (SQLite always uses one writer, one reader)
 * @param busyTimeout how long a write waits for a lock (SQLite busy_timeout, pool wait) before the
 *     store reports itself unavailable; well under the 10 s a webhook sender waits
 */
public record StoreConfig(String url, String user, String password, int poolSize, Duration busyTimeout) {
    public static final String DEFAULT_URL = "jdbc:sqlite:data/evalbot.db";
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        if (Dialect.of(url) == Dialect.SQLITE) {
            sqliteFile(url);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("EVALBOT_DB_POOL_SIZE must be at least 1");
        }
        if (busyTimeout.isNegative() || busyTimeout.isZero()) {
            throw new IllegalArgumentException("busy timeout must be positive");
        }
    }

    public static StoreConfig of(String url) {
        return new StoreConfig(url, null, null, DEFAULT_POOL_SIZE, DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * Reads {@code EVALBOT_DB} (default {@value #DEFAULT_URL}), {@code EVALBOT_DB_USER},
     * {@code EVALBOT_DB_PASSWORD} and {@code EVALBOT_DB_POOL_SIZE}.
     *
     * @throws IllegalArgumentException with a one-line message when a value is unusable
     */
    public static StoreConfig fromEnvironment(Map<String, String> env) {
        String url = blankToNull(env.get("EVALBOT_DB"));
        String pool = blankToNull(env.get("EVALBOT_DB_POOL_SIZE"));
        int poolSize;
        try {
            poolSize = pool == null ? DEFAULT_POOL_SIZE : Integer.parseInt(pool.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EVALBOT_DB_POOL_SIZE must be a whole number, got " + pool);
        }
        return new StoreConfig(url == null ? DEFAULT_URL : url.trim(), blankToNull(env.get("EVALBOT_DB_USER")),
                blankToNull(env.get("EVALBOT_DB_PASSWORD")), poolSize, DEFAULT_BUSY_TIMEOUT);
    }

    public StoreConfig withBusyTimeout(Duration timeout) {
        return new StoreConfig(url, user, password, poolSize, timeout);
    }

    public StoreConfig withPoolSize(int size) {
        return new StoreConfig(url, user, password, size, busyTimeout);
    }

    /** The database file, for an SQLite URL. */
    public Optional<Path> sqliteFile() {
        return dialect() == Dialect.SQLITE ? Optional.of(sqliteFile(url)) : Optional.empty();
    }

    /** In-memory SQLite is refused: an inbox that vanishes with the process is no inbox. */
    private static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        boolean memory = rest.contains(":memory:") || rest.contains("mode=memory");
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isEmpty() || memory) {
            throw new IllegalArgumentException("EVALBOT_DB must name an SQLite file: an in-memory database loses the inbox");
        }
        return Path.of(rest);
    }

    public Dialect dialect() {
        return Dialect.of(url);
    }

    /** Never prints the password, so the config can be logged. */
    @Override
    public String toString() {
        return "StoreConfig[url=" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", poolSize=" + poolSize + ", busyTimeout=" + busyTimeout + "]";
    }

    /** The URL without its query, where a password may hide. */
    public String redactedUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
