package dev.evalbot.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A deliberately tiny pool: at most {@code size} connections, idle ones reused newest first, broken
 * ones dropped. Connections are opened on demand, so a database that was down is retried at the
 * next request rather than by a background thread.
 *
 * <p>A broken connection drops the idle ones with it: it usually means the server restarted or
 * the network dropped, and then every pooled connection is dead; kept, each would fail one more
 * piece of work (a webhook answered 503, a worker's outcome lost until its lease expired).
 */
final class PostgresPool implements Connections {
    private final DataSource dataSource;
    private final Semaphore permits;
    private final Duration acquireTimeout;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    PostgresPool(DataSource dataSource, int size, Duration acquireTimeout) {
        this.dataSource = dataSource;
        this.permits = new Semaphore(size, true);
        this.acquireTimeout = acquireTimeout;
    }

    @Override
    public Connection acquire(boolean write) throws SQLException {
        return acquire(write, acquireTimeout);
    }

    @Override
    public Connection acquire(boolean write, Duration wait) throws SQLException {
        if (closed) {
            throw new SQLTransientConnectionException("the store is closed", "08003");
        }
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("no database connection free within " + wait, "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a connection", "08001", e);
        }
        try {
            Connection c = idle.pollFirst();
            return c != null ? c : dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public void release(Connection connection, boolean write, boolean broken) {
        try {
            if (broken) {
                connection.close();
                closeIdle();
            } else if (closed || connection.isClosed()) {
                connection.close();
            } else {
                idle.offerFirst(connection);
            }
        } catch (SQLException ignored) {
            // the connection is gone either way
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // shutting down
            }
        }
    }
}
