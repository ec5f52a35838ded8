package dev.evalbot.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One writer connection and one reader connection, each used by one thread at a time. SQLite takes
 * one writer per file anyway; queueing writers on a Java lock is cheaper and fairer than letting
 * them spin on SQLITE_BUSY. In WAL mode the reader never blocks the writer nor waits for it.
 */
final class SqliteConnections implements Connections {
    private final DataSource dataSource;
    private final Duration lockTimeout;
    private final Slot writer = new Slot();
    private final Slot reader = new Slot();

    SqliteConnections(DataSource dataSource, Duration lockTimeout) {
        this.dataSource = dataSource;
        this.lockTimeout = lockTimeout;
    }

    @Override
    public Connection acquire(boolean write) throws SQLException {
        return acquire(write, lockTimeout);
    }

    @Override
    public Connection acquire(boolean write, Duration wait) throws SQLException {
        Slot slot = write ? writer : reader;
        try {
            if (!slot.lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTimeoutException("another writer in this process held the database for " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTimeoutException("interrupted while waiting for the database", e);
        }
        try {
            if (slot.connection == null || slot.connection.isClosed()) {
                slot.connection = dataSource.getConnection();
            }
            return slot.connection;
        } catch (SQLException | RuntimeException e) {
            slot.lock.unlock();
            throw e;
        }
    }

    @Override
    public void release(Connection connection, boolean write, boolean broken) {
        Slot slot = write ? writer : reader;
        if (broken) {
            slot.closeQuietly();
        }
        slot.lock.unlock();
    }

    @Override
    public void close() {
        for (Slot slot : new Slot[] {writer, reader}) {
            slot.lock.lock();
            try {
                slot.closeQuietly();
            } finally {
                slot.lock.unlock();
            }
        }
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock(true);
        Connection connection;

        void closeQuietly() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing a broken connection: nothing more to do
                }
                connection = null;
            }
        }
    }
}
