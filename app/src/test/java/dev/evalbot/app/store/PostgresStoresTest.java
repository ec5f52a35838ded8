package dev.evalbot.app.store;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoresTest extends StoresContractTest {
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
