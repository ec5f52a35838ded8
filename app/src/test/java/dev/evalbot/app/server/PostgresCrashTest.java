package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas share one PostgreSQL inbox: one in this JVM, one a child process killed with
 * SIGKILL while reviews are under way, then started again under the same {@code
 * EVALBOT_REPLICA_ID}. Every delivery accepted before a kill is reviewed at most 10 s after the
 * restart (the restarted replica takes its previous run's claims back at once; the other replica
 * would after the 8 s lease). None is reviewed twice: one comment per pull request, and a head gets a
 * second final status only when the kill interrupted its delivery, which then ran once more.
 *
 * <p>Default: 3 kills; {@code -Devalbot.long=true} adds the 10-kill run.
 */
class PostgresCrashTest {
    static final String REPO = "org/pgcrash";
    static final long RECOVERY_MILLIS = 10_000;

    @TempDir
    Path tmp;
    Process child;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void threeKillsUnderLoadWithAnotherReplicaRunning() throws Exception {
        run(Webhooks.seed("PostgresCrashTest"), 3, 20, true);
    }

    /** The only replica: its restart takes its claims back at once, without waiting for the lease. */
    @Test
    void twoKillsOfTheOnlyReplica() throws Exception {
        run(Webhooks.seed("PostgresCrashTest alone"), 2, 12, false);
    }

    @Test
    @EnabledIfSystemProperty(named = "evalbot.long", matches = "true")
    void tenKillsUnderLoadWithAnotherReplicaRunning() throws Exception {
        run(Webhooks.seed("PostgresCrashTest"), 10, 30, true);
    }

    @Test
    @EnabledIfSystemProperty(named = "evalbot.long", matches = "true")
    void tenKillsOfTheOnlyReplica() throws Exception {
        run(Webhooks.seed("PostgresCrashTest alone"), 10, 12, false);
    }

    void run(long seed, int kills, int perRound, boolean withSurvivor) throws Exception {
        Random random = new Random(seed);
        int prs = kills * perRound;
        int[] numbers = new int[prs];
        for (int p = 1; p <= prs; p++) {
            numbers[p - 1] = p;
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
             FakeGitHub github = new FakeGitHub(REPO, numbers)) {
            github.labelsExist(REPO);
            for (int p = 1; p <= prs; p++) {
                github.pullFiles(REPO, p, FakeGitHub.files(".eval_results/pr-" + p + ".yaml", Webhooks.VALID));
                github.push(REPO, p, Webhooks.sha(p, 0));
            }
            // Slow GitHub down, so that kills land inside reviews.
            github.server().setGlobalFixedDelay(20);
            String url = postgres.newDatabaseUrl();
            Map<String, String> env = GitHubServerTest.env(tmp, github.url());
            env.put("EVALBOT_DB", url);
            // About recovery after a kill, not GitHub's budget: rounds of reviews may write faster than 80 a minute.
            env.put("EVALBOT_GITHUB_WRITE_BUDGET", "10000/60s");
            Map<String, String> victimEnv = new HashMap<>(env);
            victimEnv.put("EVALBOT_PORT", Integer.toString(freePort()));
            victimEnv.put("EVALBOT_REPLICA_ID", "victim");
            env.put("EVALBOT_REPLICA_ID", "survivor");
            child = ServerProcess.start(http, tmp, victimEnv, "start");
            int victimPort = Integer.parseInt(victimEnv.get("EVALBOT_PORT"));
            long worst = Long.MIN_VALUE;
            List<String> rounds = new ArrayList<>();
            try (EvalbotApp survivor = withSurvivor ? EvalbotApp.start(env, Clock.systemUTC()) : null) {
                int next = 1;
                int afterRestart = 0;
                for (int round = 1; round <= kills; round++) {
                    // The kill comes after a random part of this round's deliveries, a few GitHub
                    // requests into their reviews; the rest arrive after the restart.
                    int beforeKill = afterRestart + 1 + random.nextInt(perRound);
                    for (int i = 0; i < beforeKill; i++, next++) {
                        int port = survivor == null || next % 2 == 0 ? victimPort : survivor.port();
                        assertEquals(202, Webhooks.post(http, port, "pull_request", "d-" + next,
                                Webhooks.pullRequest("opened", REPO, next, Webhooks.sha(next, 0))).statusCode());
                    }
                    afterRestart = perRound - (beforeKill - afterRestart);
                    int journal = github.server().getAllServeEvents().size();
                    int requestsAfter = random.nextInt(12);
                    int posted = next - 1;
                    Eventually.await("round " + round + " works on", Duration.ofSeconds(60),
                            () -> github.server().getAllServeEvents().size() >= journal + requestsAfter
                                    || reviewed(github, posted) == posted);
                    child.destroyForcibly().waitFor(); // SIGKILL
                    List<Integer> open = new ArrayList<>();
                    for (int p = 1; p <= posted; p++) {
                        if (firstFinal(github, p) < 0) {
                            open.add(p);
                        }
                    }
                    child = ServerProcess.start(http, tmp, victimEnv, "round-" + round);
                    long restarted = System.currentTimeMillis();
                    Eventually.await("round " + round + ": every delivery accepted before the kill reviewed",
                            Duration.ofSeconds(120), () -> open.stream().allMatch(p -> firstFinal(github, p) >= 0));
                    long slowest = open.stream().mapToLong(p -> firstFinal(github, p) - restarted).max().orElse(0);
                    worst = Math.max(worst, slowest);
                    rounds.add(String.format("%d open at the kill, last reviewed %+d ms after the restart", open.size(),
                            slowest));
                    assertTrue(slowest <= RECOVERY_MILLIS, "round " + round + ": " + rounds.get(rounds.size() - 1)
                            + " (seed " + seed + ")");
                }
                for (; next <= prs; next++) {
                    int port = survivor == null || next % 2 == 0 ? victimPort : survivor.port();
                    assertEquals(202, Webhooks.post(http, port, "pull_request", "d-" + next,
                            Webhooks.pullRequest("opened", REPO, next, Webhooks.sha(next, 0))).statusCode());
                }
                Eventually.await("every pull request reviewed and the inbox empty", Duration.ofSeconds(120),
                        () -> reviewed(github, prs) == prs && Webhooks.states(url).keySet().stream()
                                .allMatch(s -> s.equals("done")));
            }
            Map<String, Integer> attempts = attempts(url);
            assertEquals(prs, attempts.size(), "every delivery stored once");
            int reruns = 0;
            for (int p = 1; p <= prs; p++) {
                assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/" + p + "/comments"), "#" + p);
                int runs = attempts.get("d-" + p);
                if (runs > 1) {
                    reruns++;
                }
                long finals = finals(github, p).size();
                assertTrue(finals == 1 || runs > 1, "#" + p + " reviewed " + finals + " times in " + runs + " run(s)");
            }
            // A kill abandons at most the victim's 4 workers' claims; more re-runs would mean a live
            // replica's claim was taken.
            assertTrue(reruns <= 4 * kills, reruns + " deliveries ran more than once after " + kills + " kills");
            System.out.printf("PostgresCrashTest (%s): %d kills, %d deliveries, %d ran again after a kill; worst %d ms"
                    + " after a restart; %s%n", withSurvivor ? "two replicas" : "one replica", kills, prs, reruns, worst, rounds);
        }
    }

    private static long reviewed(FakeGitHub github, int upTo) {
        long n = 0;
        for (int p = 1; p <= upTo; p++) {
            if (firstFinal(github, p) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** When GitHub first got a final status for the pull request's head (epoch ms), or -1. */
    private static long firstFinal(FakeGitHub github, int p) {
        return finals(github, p).stream().mapToLong(r -> r.getLoggedDate().getTime()).min().orElse(-1);
    }

    private static List<LoggedRequest> finals(FakeGitHub github, int p) {
        return github.requests("POST", "/repos/" + REPO + "/statuses/" + Webhooks.sha(p, 0)).stream()
                .filter(r -> !Webhooks.state(r).equals("pending")).toList();
    }

    private static Map<String, Integer> attempts(String url) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT delivery_key, attempts FROM deliveries")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
