package dev.evalbot.app.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoresTest extends StoresContractTest {
    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("evalbot.db");
    }
}
