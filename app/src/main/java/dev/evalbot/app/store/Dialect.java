package dev.evalbot.app.store;

/** The SQL differences between the two supported databases, kept in one place. */
public enum Dialect {
    SQLITE("sqlite", "", "MIN"),
    POSTGRESQL("postgresql", " FOR UPDATE SKIP LOCKED", "LEAST");

    private final String migrations;
    private final String skipLocked;
    private final String least;

    Dialect(String migrations, String skipLocked, String least) {
        this.migrations = migrations;
        this.skipLocked = skipLocked;
        this.least = least;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("EVALBOT_DB must start with jdbc:sqlite: or jdbc:postgresql:");
    }

    /** Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    /**
     * Appended to a SELECT that picks rows to claim. PostgreSQL replicas must skip rows another
     * replica is claiming; SQLite serialises all writes, so a plain SELECT inside the write
     * transaction is already exclusive.
     */
    public String skipLocked() {
        return skipLocked;
    }

    /**
     * A statement taking a transaction-scoped lock on one key, or null where writes are serialised
     * anyway. PostgreSQL assigns identity values at insert but makes them visible at commit, so two
     * replicas accepting for one subject at once could commit ids out of order; holding the subject's
     * lock across the insert makes ids within a subject follow commit order.
     */
    public String keyLock() {
        return this == POSTGRESQL ? "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))" : null;
    }

    /** The two-argument minimum function. */
    public String least(String a, String b) {
        return least + "(" + a + ", " + b + ")";
    }

    /** One process owns an SQLite file, so leases left at startup belong to a dead process. */
    public boolean singleProcess() {
        return this == SQLITE;
    }
}
