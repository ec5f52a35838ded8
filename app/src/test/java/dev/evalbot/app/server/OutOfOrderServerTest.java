package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.store.EmbeddedPostgresServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries of one pull request's pushes arriving in any order, after all the pushes happened
 * (a retry, a redelivery, a slow hop): every earlier head's files are invalid, the last head's
 * valid. Every pull request ends with the review of its current head, on SQLite and on
 * PostgreSQL: one comment, only the valid label, the final status of the current head, no final
 * status on an older head, and at most 12 writes (comment, labels, statuses) per pull request.
 */
class OutOfOrderServerTest {
    static final String REPO = "org/order";
    static final int MAX_WRITES = 12;
    static EmbeddedPostgresServer postgres;

    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void everyOrderOfFourPushesOnSqlite() throws Exception {
        everyOrderOfFourPushes("jdbc:sqlite:" + tmp.resolve("evalbot.db"));
    }

    @Test
    void everyOrderOfFourPushesOnPostgres() throws Exception {
        everyOrderOfFourPushes(postgres.newDatabaseUrl());
    }

    @Test
    void twentyPullRequestsTenPushesInRandomOrderOnSqlite() throws Exception {
        randomOrder("jdbc:sqlite:" + tmp.resolve("evalbot.db"), Webhooks.seed("OutOfOrderServerTest sqlite"));
    }

    @Test
    void twentyPullRequestsTenPushesInRandomOrderOnPostgres() throws Exception {
        randomOrder(postgres.newDatabaseUrl(), Webhooks.seed("OutOfOrderServerTest postgres"));
    }

    /** Two replicas share the PostgreSQL inbox; the senders alternate between them. */
    @Test
    void twentyPullRequestsTenPushesInRandomOrderOnTwoPostgresReplicas() throws Exception {
        List<int[]> sends = shuffled(Webhooks.seed("OutOfOrderServerTest two replicas"));
        run(postgres.newDatabaseUrl(), 20, 10, sends, 8, 2);
    }

    /** 24 pull requests, pull request k gets its four deliveries in the k-th of the 24 orders. */
    void everyOrderOfFourPushes(String db) throws Exception {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3));
        assertEquals(24, orders.size());
        List<int[]> sends = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            for (int p = 1; p <= orders.size(); p++) {
                sends.add(new int[] {p, orders.get(p - 1).get(step)});
            }
        }
        run(db, orders.size(), 4, sends, 1, 1);
    }

    /** 20 pull requests x 10 pushes, delivered in one random order by 8 concurrent senders. */
    void randomOrder(String db, long seed) throws Exception {
        run(db, 20, 10, shuffled(seed), 8, 1);
    }

    static List<int[]> shuffled(long seed) {
        List<int[]> sends = new ArrayList<>();
        for (int p = 1; p <= 20; p++) {
            for (int h = 0; h < 10; h++) {
                sends.add(new int[] {p, h});
            }
        }
        Collections.shuffle(sends, new Random(seed));
        return sends;
    }

    private void run(String db, int prs, int heads, List<int[]> sends, int senders, int replicas) throws Exception {
        int[] numbers = new int[prs];
        for (int p = 1; p <= prs; p++) {
            numbers[p - 1] = p;
        }
        try (FakeGitHub github = new FakeGitHub(REPO, numbers)) {
            github.labelsExist(REPO);
            for (int p = 1; p <= prs; p++) {
                String path = ".eval_results/pr-" + p + ".yaml";
                github.pullFiles(REPO, p, FakeGitHub.files(path, Webhooks.INVALID));
                for (int h = 0; h < heads; h++) {
                    github.filesAt(REPO, Webhooks.sha(p, h),
                            FakeGitHub.files(path, h == heads - 1 ? Webhooks.VALID : Webhooks.INVALID));
                }
                // Every push happened before its delivery arrives: the head is the last one.
                github.push(REPO, p, Webhooks.sha(p, heads - 1));
            }
            Map<String, String> env = GitHubServerTest.env(tmp, github.url());
            env.put("EVALBOT_DB", db);
            try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC());
                 EvalbotApp other = replicas > 1 ? EvalbotApp.start(env, Clock.systemUTC()) : null) {
                post(other == null ? new int[] {app.port()} : new int[] {app.port(), other.port()}, sends, senders);
                Eventually.await("every pull request reviewed at its current head", Duration.ofSeconds(120), () -> {
                    for (int p = 1; p <= prs; p++) {
                        if (finalStates(github, p, heads - 1).isEmpty()) {
                            return false;
                        }
                    }
                    return Webhooks.states(db).keySet().stream().allMatch(s -> s.equals("done")
                            || s.equals("superseded"));
                });
                int most = 0;
                for (int p = 1; p <= prs; p++) {
                    String issue = "/repos/" + REPO + "/issues/" + p;
                    assertEquals(1, github.count("POST", issue + "/comments"), "one comment on #" + p);
                    List<String> labels = github.addedLabels(REPO, p);
                    assertTrue(labels.stream().anyMatch(l -> l.contains("eval/valid")), "#" + p + " labelled " + labels);
                    assertTrue(labels.stream().noneMatch(l -> l.contains("eval/invalid")), "#" + p + " labelled " + labels);
                    assertEquals(List.of("success"), finalStates(github, p, heads - 1), "#" + p);
                    for (int h = 0; h < heads - 1; h++) {
                        assertEquals(List.of(), finalStates(github, p, h), "#" + p + " head " + h + " got a verdict");
                    }
                    int writes = github.count("POST", issue + "/comments")
                            + github.count("PATCH", "/repos/" + REPO + "/issues/comments/" + FakeGitHub.commentId(p))
                            + github.count("POST", issue + "/labels") + github.count("DELETE", issue + "/labels/.*")
                            + github.count("POST", "/repos/" + REPO + "/statuses/" + String.format("%020d", p) + ".*");
                    assertTrue(writes <= MAX_WRITES, "#" + p + ": " + writes + " writes");
                    most = Math.max(most, writes);
                }
                System.out.printf("OutOfOrderServerTest %s, %d replica(s): %d deliveries, at most %d writes per pull"
                        + " request; %s%n", db.startsWith("jdbc:sqlite") ? "SQLite" : "PostgreSQL", replicas, sends.size(), most,
                        Webhooks.states(db));
            }
        }
    }

    private void post(int[] ports, List<int[]> sends, int senders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int[] s : sends) {
                int p = s[0];
                int h = s[1];
                int port = ports[replies.size() % ports.length];
                replies.add(pool.submit(() -> Webhooks.post(http, port, "pull_request", "d-" + p + "-" + h,
                        Webhooks.pullRequest("synchronize", REPO, p, Webhooks.sha(p, h))).statusCode()));
                if (senders == 1) {
                    replies.get(replies.size() - 1).get(); // one sender: strictly in this order
                }
            }
            for (Future<Integer> r : replies) {
                assertEquals(202, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> finalStates(FakeGitHub github, int p, int head) {
        return github.requests("POST", "/repos/" + REPO + "/statuses/" + Webhooks.sha(p, head)).stream()
                .map(Webhooks::state).filter(s -> !s.equals("pending")).toList();
    }

    static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Integer> rest = new ArrayList<>(items);
            Integer first = rest.remove(i);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                out.add(order);
            }
        }
        return out;
    }
}
