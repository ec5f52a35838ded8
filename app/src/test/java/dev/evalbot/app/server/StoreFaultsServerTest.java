package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store failing under a running server: a locked SQLite file, a full one, PostgreSQL going
 * away. Meanwhile {@code /readyz} says 503 and webhooks are answered 503, never 2xx (so that
 * GitHub redelivers rather than count a delivery the store did not keep); when the store is back,
 * both recover and the redelivered webhook is reviewed.
 */
class StoreFaultsServerTest {
    static final String REPO = GitHubServerTest.REPO;
    static final long CAP_PAGES = 1024;

    @TempDir
    Path tmp;
    FakeGitHub github;
    EvalbotApp app;
    String dbUrl;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (github != null) {
            github.close();
        }
    }

    void start(Map<String, String> overrides) throws Exception {
        github = new FakeGitHub(REPO, 1, 2, 3);
        for (int n = 1; n <= 3; n++) {
            github.pullFiles(REPO, n, FakeGitHub.files(".eval_results/pr-" + n + ".yaml", Webhooks.VALID));
            github.push(REPO, n, Webhooks.sha(n, 0));
        }
        Map<String, String> env = GitHubServerTest.env(tmp, github.url());
        env.putAll(overrides);
        dbUrl = env.get("EVALBOT_DB");
        app = EvalbotApp.start(env, Clock.systemUTC());
    }

    HttpResponse<String> deliver(int pr) throws Exception {
        return Webhooks.post(http, app.port(), "pull_request", "delivery-" + pr,
                Webhooks.pullRequest("opened", REPO, pr, Webhooks.sha(pr, 0)));
    }

    int readyz() {
        return Webhooks.get(http, app.port(), "/readyz");
    }

    void awaitReviewed(int pr) {
        Eventually.await("#" + pr + " reviewed", Duration.ofSeconds(60), () -> github
                .requests("POST", "/repos/" + REPO + "/statuses/" + Webhooks.sha(pr, 0)).stream()
                .anyMatch(r -> Webhooks.state(r).equals("success")));
    }

    /** Reviewed, and the delivery recorded as done: its worker could write the outcome. */
    void awaitReviewed(int pr, int done) {
        awaitReviewed(pr);
        Eventually.await(done + " deliveries done", Duration.ofSeconds(30),
                () -> Webhooks.states(dbUrl).getOrDefault("done", 0) == done);
    }

    void assertHealthyAndWorking(int pr) throws Exception {
        assertEquals(200, readyz());
        assertEquals(202, deliver(pr).statusCode());
        awaitReviewed(pr, pr);
    }

    @Test
    void aLockedSqliteFileMakesReadyzAndWebhooks503UntilTheLockIsReleased() throws Exception {
        start(Map.of());
        assertHealthyAndWorking(1);
        String url = "jdbc:sqlite:" + tmp.resolve("evalbot.db");
        try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE"); // another process holds the write lock past the busy timeout
            assertEquals(503, readyz(), "reads still work, but nothing can be written");
            assertEquals(503, deliver(2).statusCode());
            assertEquals(503, readyz());
            s.execute("ROLLBACK");
        }
        assertEquals(200, readyz());
        // A 503 never acknowledges anything. With group commit, an accept whose caller gave up may
        // still commit once the lock is gone (AcceptCommitter says so): GitHub's redelivery is then a
        // duplicate (200) instead of new (202). Either way the delivery is reviewed exactly once.
        int redelivery = deliver(2).statusCode();
        assertTrue(redelivery == 202 || redelivery == 200, "redelivery answered " + redelivery);
        awaitReviewed(2, 2);
        assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/2/comments"));
    }

    @Test
    void aFullSqliteFileMakesReadyzAndWebhooks503UntilThereIsRoomAgain() throws Exception {
        // Every connection the server opens caps the file at 1,024 pages (4 MiB); another process then fills it
        // past the cap, as if the disk were full, and later frees the space again.
        String file = tmp.resolve("evalbot.db").toString();
        start(Map.of("EVALBOT_DB", "jdbc:sqlite:" + file + "?max_page_count=" + CAP_PAGES));
        assertHealthyAndWorking(1);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = other.createStatement()) {
            s.execute("CREATE TABLE filler (b BLOB)");
            s.execute("INSERT INTO filler VALUES (zeroblob("
                    + (CAP_PAGES - pragma(s, "page_count") + 1) * pragma(s, "page_size") + "))");
            assertEquals(0, pragma(s, "freelist_count"));

            assertEquals(503, deliver(2).statusCode());
            assertEquals(503, readyz());
            assertEquals(503, deliver(2).statusCode(), "still full after the failed write");

            s.execute("DROP TABLE filler"); // space is free again (the file keeps its size)
        }
        assertEquals(200, readyz());
        assertEquals(202, deliver(2).statusCode());
        awaitReviewed(2, 2);
    }

    @Test
    void postgresGoingAwayMakesReadyzAndWebhooks503AndBothRecoverWhenItIsBack() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startRestartable(tmp.resolve("pg"))) {
            start(Map.of("EVALBOT_DB", postgres.newDatabaseUrl()));
            assertHealthyAndWorking(1);

            postgres.stop();
            assertEquals(503, readyz());
            assertEquals(503, deliver(2).statusCode());
            assertEquals(503, readyz());

            postgres.startAgain();
            // The pool's connections from before the restart are dead: none may fail the first
            // webhook, nor lose a worker's outcome (the delivery would run again when its lease expired).
            assertEquals(202, deliver(2).statusCode());
            awaitReviewed(2, 2);
            assertHealthyAndWorking(3);
        }
    }

    private static long pragma(Statement s, String name) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
