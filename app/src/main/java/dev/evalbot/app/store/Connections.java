package dev.evalbot.app.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Hands out connections: the only thing that differs between a file and a server. */
interface Connections extends AutoCloseable {
    /** @param write true for work that writes; SQLite serialises those on one connection */
    Connection acquire(boolean write) throws SQLException;

    /** As {@link #acquire}, waiting at most {@code wait} for the connection rather than the configured timeout. */
    Connection acquire(boolean write, java.time.Duration wait) throws SQLException;

    /** @param broken true when the connection must not be used again */
    void release(Connection connection, boolean write, boolean broken);

    @Override
    void close();
}
