package dev.evalbot.app.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.sqlite.SQLiteException;

/** Sorts database errors into "try again later" and "something is wrong with us". */
final class SqlErrors {
    /** SQLite primary result codes meaning the file cannot take a write now. */
    private static final Set<Integer> SQLITE_UNAVAILABLE = Set.of(
            5,  // BUSY: locked past busy_timeout
            6,  // LOCKED
            7,  // NOMEM
            8,  // READONLY
            10, // IOERR
            13, // FULL: disk (or max_page_count) full
            14, // CANTOPEN
            15, // PROTOCOL
            26); // NOTADB

    private SqlErrors() {}

    static StoreException translate(String action, SQLException e) {
        String message = action + ": " + oneLine(e.getMessage());
        return isUnavailable(e) ? new StoreUnavailableException(message, e) : new StoreException(message, e);
    }

    static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLiteException s && SQLITE_UNAVAILABLE.contains(s.getResultCode().code & 0xff)) {
                return true;
            }
            if (t instanceof SQLException s && isUnavailableState(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL: connection lost, out of resources, shutting down, standby, lock or deadlock. */
    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.startsWith("58") || state.equals("25006") || state.equals("55P03") || isRetryable(state));
    }

    /** The transaction lost a race and can simply run again. */
    static boolean isRetryable(SQLException e) {
        return isRetryable(e.getSQLState());
    }

    private static boolean isRetryable(String state) {
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** After this error the connection cannot be trusted for the next transaction. */
    static boolean breaksConnection(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException
                || state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
