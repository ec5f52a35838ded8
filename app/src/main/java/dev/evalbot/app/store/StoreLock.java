package dev.evalbot.app.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The claim of one {@code evalbot serve} on an SQLite store. One process owns the file (its inbox
 * leases and restart recovery assume it), so a second server on the same file must not start. The
 * lock is an OS file lock on a file beside the database, {@code evalbot.db.lock}, not on the
 * database itself, whose byte ranges SQLite locks for its own use; the OS lets go of it when the
 * process ends, {@code kill -9} included, so a crash never leaves a stale lock behind. The CLI's
 * commands that read or repair the store ({@code deliveries}, {@code replay}, {@code backfill}) do
 * not take it. A PostgreSQL store is shared by design and needs no lock.
 */
public final class StoreLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the serving lock of an SQLite store (none for PostgreSQL).
     *
     * @throws StoreLockedException when another process (or this one) serves from the file already
     */
    public static Optional<StoreLock> forServing(StoreConfig config) {
        Optional<Path> file = config.sqliteFile();
        return file.isEmpty() ? Optional.empty() : Optional.of(take(file.get()));
    }

    /** The lock file of an SQLite database file. */
    public static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    private static StoreLock take(Path database) {
        Path lockFile = lockFile(database);
        FileChannel channel;
        try {
            Path parent = lockFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot lock the store " + database + " (" + lockFile + "): " + e.getMessage(), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new StoreLock(channel, lock);
            }
            closeQuietly(channel);
            throw locked(database, lockFile, "another process");
        } catch (OverlappingFileLockException e) {
            // Left open on purpose: closing a descriptor of the file drops every POSIX lock this
            // process holds on it, the other server's included. Only one JVM running two servers
            // (tests) gets here.
            throw locked(database, lockFile, "this process");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock the store " + database + " (" + lockFile + "): " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was locked through it
        }
    }

    private static StoreLockedException locked(Path database, Path lockFile, String holder) {
        return new StoreLockedException("the store " + database + " is locked by another evalbot serve (" + holder
                + " holds " + lockFile + "): one process owns an SQLite store; stop the other server, point EVALBOT_DB "
                + "at another file, or use PostgreSQL for several replicas");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }

    /** Another {@code evalbot serve} holds the store. */
    public static final class StoreLockedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreLockedException(String message) {
            super(message);
        }
    }
}
