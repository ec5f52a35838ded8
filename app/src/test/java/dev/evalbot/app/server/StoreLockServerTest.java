package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.store.StoreLock;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One {@code evalbot serve} owns an SQLite store: a second one on the same file refuses to start. */
class StoreLockServerTest {
    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSecondServerOnTheSameFileRefusesWithOneLineAndTheFirstKeepsServing() throws Exception {
        Path db = tmp.resolve("evalbot.db");
        try (EvalbotApp first = EvalbotApp.start(dryRun(db, 0), Clock.systemUTC())) {
            Path log = tmp.resolve("second.log");
            Process second = serveInChild(dryRun(db, freePort()), log);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second server did not stop");
            assertEquals(2, second.exitValue());
            List<String> lines = Files.readAllLines(log);
            assertEquals(List.of("evalbot: the store " + db + " is locked by another evalbot serve (another process holds "
                    + StoreLock.lockFile(db) + "): one process owns an SQLite store; stop the other server, point "
                    + "EVALBOT_DB at another file, or use PostgreSQL for several replicas"), lines);

            assertEquals(200, get(first.port(), "/readyz"), "the first server still serves");
            StoreLock.StoreLockedException inThisJvm = assertThrows(StoreLock.StoreLockedException.class,
                    () -> EvalbotApp.start(dryRun(db, 0), Clock.systemUTC()));
            assertTrue(inThisJvm.getMessage().contains("(this process holds "), inThisJvm.getMessage());
            assertEquals(200, get(first.port(), "/readyz"), "a refused start in the same process leaves the lock held");
        }
        // Stopped, the first server lets go of the store: the next one starts.
        int port = freePort();
        Process next = ServerProcess.start(http, tmp, dryRun(db, port), "next");
        try {
            assertEquals(200, get(port, "/readyz"));
        } finally {
            next.destroy();
            next.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServerKilledWithSigkillLeavesNoStaleLock() throws Exception {
        Path db = tmp.resolve("evalbot.db");
        int port = freePort();
        Process killed = ServerProcess.start(http, tmp, dryRun(db, port), "killed");
        killed.destroyForcibly();
        killed.waitFor(30, TimeUnit.SECONDS);
        try (EvalbotApp after = EvalbotApp.start(dryRun(db, 0), Clock.systemUTC())) {
            assertEquals(200, get(after.port(), "/readyz"));
        }
    }

    private Map<String, String> dryRun(Path db, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("EVALBOT_DB", "jdbc:sqlite:" + db);
        env.put("EVALBOT_PORT", Integer.toString(port));
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_CONFIG", "../config");
        env.put("EVALBOT_DATA", tmp.toString());
        env.put("HF_HUB_OFFLINE", "1");
        return env;
    }

    private static Process serveInChild(Map<String, String> env, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.evalbot.app.cli.Main", "serve");
        pb.environment().putAll(env);
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private int get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
