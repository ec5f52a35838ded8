package dev.evalbot.app.inbox;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteInboxTest extends InboxContractTest {
    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("data/evalbot.db");
    }
}
