package dev.evalbot.app.inbox;

import dev.evalbot.app.store.EmbeddedPostgresServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresInboxTest extends InboxContractTest {
    EmbeddedPostgresServer server;

    @BeforeAll
    void startServer() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    void stopServer() throws IOException {
        server.close();
    }

    @Override
    String newDatabaseUrl() {
        return server.newDatabaseUrl();
    }
}
