package dev.evalbot.app.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Connection clean-up that reports success instead of throwing: a failure means the connection is broken. */
final class QuietJdbc {
    private QuietJdbc() {}

    static boolean rollback(Connection c) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
