package dev.evalbot.app.inbox;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.Dialect;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what a durable accept costs: {@code mvn -o test -pl app -am -Dtest=AcceptCostBench
 * -Devalbot.bench=true -Dsurefire.failIfNoSpecifiedTests=false}. Not a test: it asserts nothing.
 */
@EnabledIfSystemProperty(named = "evalbot.bench", matches = "true")
class AcceptCostBench {
    static final int N = 2000;
    static final byte[] PAYLOAD = new byte[8 * 1024];

    @TempDir
    Path dir;

    @Test
    void sqlite() {
        // Alternate, so that neither setting gets all the JIT warm-up.
        measure("warm-up (FULL)", "jdbc:sqlite:" + dir.resolve("warm.db"), false);
        for (int round = 1; round <= 3; round++) {
            measure("sqlite synchronous=NORMAL", "jdbc:sqlite:" + dir.resolve("normal" + round + ".db"), true);
            measure("sqlite synchronous=FULL", "jdbc:sqlite:" + dir.resolve("full" + round + ".db"), false);
        }
    }

    @Test
    void postgres() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            measure("postgresql (embedded, fsync on)", server.newDatabaseUrl(), false);
        }
    }

    private static void measure(String label, String url, boolean normal) {
        try (Database db = Database.open(StoreConfig.of(url))) {
            String sync = db.dialect() == Dialect.SQLITE ? db.writeAlone("check", c -> {
                if (normal) { // the level cannot change inside a transaction: step out of it briefly
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("PRAGMA synchronous = NORMAL");
                    }
                    c.setAutoCommit(false);
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    return " (writer's PRAGMA synchronous = " + rs.getInt(1) + ")";
                }
            }) : "";
            Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(),
                    new SimpleMeterRegistry(), PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()));
            for (int i = 0; i < 200; i++) { // warm-up
                inbox.accept(delivery("warm-" + i, i));
            }
            long start = System.nanoTime();
            for (int i = 0; i < N; i++) {
                inbox.accept(delivery("k-" + i, i));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH %s%s: %d accepts in %.2f s = %.0f accepts/s (%.2f ms each)%n", label, sync, N,
                    seconds, N / seconds, seconds * 1000 / N);
        }
    }

    private static NewDelivery delivery(String key, int i) {
        return new NewDelivery(PlatformId.GITHUB, key, "pull_request", "synchronize", "github:o/r#" + i % 50,
                "sha" + i, DeliveryKind.REVIEW, PAYLOAD, Instant.now(), null);
    }
}
