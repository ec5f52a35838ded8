package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers (replicas) sharing one PostgreSQL inbox, webhooks posted to either of them, GitHub's
 * redeliveries to the other: each delivery is accepted once, processed at most once (none
 * twice: one claim each, one final status per head), every pull request gets one comment and
 * the final status of its last head, and both replicas did work.
 */
class ReplicasServerTest {
    static final String REPO = "org/replicas";
    static final int PRS = 20;
    static final int HEADS = 5;

    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoReplicasShareTheInboxAndProcessEachDeliveryOnce() throws Exception {
        Random random = new Random(Webhooks.seed("ReplicasServerTest"));
        int[] numbers = new int[PRS];
        for (int p = 1; p <= PRS; p++) {
            numbers[p - 1] = p;
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
             FakeGitHub github = new FakeGitHub(REPO, numbers)) {
            for (int p = 1; p <= PRS; p++) {
                github.pullFiles(REPO, p, FakeGitHub.files(".eval_results/pr-" + p + ".yaml",
                        p % 4 == 0 ? Webhooks.INVALID : Webhooks.VALID));
            }
            String url = postgres.newDatabaseUrl();
            Map<String, String> env = GitHubServerTest.env(tmp, github.url());
            env.put("EVALBOT_DB", url);
            try (EvalbotApp a = EvalbotApp.start(env, Clock.systemUTC());
                 EvalbotApp b = EvalbotApp.start(env, Clock.systemUTC())) {
                int[] ports = {a.port(), b.port()};
                int posted = 0;
                for (int[] next : order(random)) {
                    int p = next[0];
                    int head = next[1];
                    byte[] body = Webhooks.pullRequest(head == 0 ? "opened" : "synchronize", REPO, p,
                            Webhooks.sha(p, head));
                    String id = "d-" + p + "-" + head;
                    github.push(REPO, p, Webhooks.sha(p, head)); // the push comes before its webhook
                    int to = posted++ % 2;
                    assertEquals(202, Webhooks.post(http, ports[to], "pull_request", id, body).statusCode());
                    if (random.nextInt(4) == 0) { // GitHub redelivers, here to the other replica
                        assertEquals(200, Webhooks.post(http, ports[1 - to], "pull_request", id, body).statusCode());
                    }
                }
                Eventually.await("every pull request reviewed at its last head", Duration.ofSeconds(120), () -> {
                    for (int p = 1; p <= PRS; p++) {
                        if (finalStates(github, p, HEADS - 1).isEmpty()) {
                            return false;
                        }
                    }
                    return Webhooks.states(url).keySet().stream().allMatch(s -> s.equals("done")
                            || s.equals("superseded"));
                });
                for (int p = 1; p <= PRS; p++) {
                    assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/" + p + "/comments"), "#" + p);
                    assertEquals(List.of(p % 4 == 0 ? "failure" : "success"), finalStates(github, p, HEADS - 1));
                    for (int head = 0; head < HEADS; head++) {
                        assertTrue(finalStates(github, p, head).size() <= 1, "#" + p + " head " + head
                                + " reviewed twice");
                    }
                }
                Map<String, Integer> claims = claims(url);
                assertEquals(PRS * HEADS, claims.size(), "every delivery stored once");
                claims.forEach((key, attempts) -> assertTrue(attempts <= 1, key + " claimed " + attempts + " times"));
                double byA = completed(a.port());
                double byB = completed(b.port());
                System.out.printf("ReplicasServerTest: replica A completed %.0f, B %.0f; %s%n", byA, byB,
                        Webhooks.states(url));
                assertTrue(byA > 0 && byB > 0, "both replicas worked: " + byA + " and " + byB);
            }
        }
    }

    /** (pull request, head) in a random order that keeps each pull request's heads in order. */
    static List<int[]> order(Random random) {
        Map<Integer, Deque<Integer>> heads = new HashMap<>();
        for (int p = 1; p <= PRS; p++) {
            Deque<Integer> q = new ArrayDeque<>();
            for (int h = 0; h < HEADS; h++) {
                q.add(h);
            }
            heads.put(p, q);
        }
        List<Integer> open = new ArrayList<>(heads.keySet());
        List<int[]> order = new ArrayList<>();
        while (!open.isEmpty()) {
            int at = random.nextInt(open.size());
            int p = open.get(at);
            order.add(new int[] {p, heads.get(p).pollFirst()});
            if (heads.get(p).isEmpty()) {
                open.remove(at);
            }
        }
        return order;
    }

    private static List<String> finalStates(FakeGitHub github, int p, int head) {
        return github.requests("POST", "/repos/" + REPO + "/statuses/" + Webhooks.sha(p, head)).stream()
                .map(Webhooks::state).filter(s -> !s.equals("pending")).toList();
    }

    /** Each stored delivery's key and how often it was claimed. */
    private static Map<String, Integer> claims(String url) throws Exception {
        Map<String, Integer> claims = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT delivery_key, attempts FROM deliveries")) {
            while (rs.next()) {
                claims.put(rs.getString(1), rs.getInt(2));
            }
        }
        return claims;
    }

    private double completed(int port) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("evalbot_deliveries_completed_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
