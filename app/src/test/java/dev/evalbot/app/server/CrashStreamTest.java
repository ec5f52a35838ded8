package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream of deliveries for many pull requests (opened, new heads, GitHub's redeliveries, events
 * evalbot drops) into the server as a child process, killed with SIGKILL at a random point of
 * each round and started again. Deliveries whose post failed with the kill are posted again, as
 * GitHub redelivers them. At the end every pull request has exactly one comment, the right label,
 * and the final status of its last head; nothing is dead-lettered or left in the inbox; every
 * delivery answered 202 is in the store.
 *
 * <p>The stream and the kill points are drawn from a printed seed ({@code -Devalbot.seed=N});
 * where a kill lands inside the work also depends on timing. {@code -Devalbot.long=true} adds
 * the 1,000-delivery, 10-round variant.
 */
class CrashStreamTest {
    static final String REPO = "org/crash";

    @TempDir
    Path tmp;
    FakeGitHub github;
    Process child;
    /** The newest head pushed to each pull request: a push comes before its webhook. */
    final Map<Integer, Integer> pushed = new ConcurrentHashMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void twoHundredDeliveriesTwentyPullRequestsThreeKills() throws Exception {
        run(Webhooks.seed("CrashStreamTest"), 20, 200, 3);
    }

    @Test
    @EnabledIfSystemProperty(named = "evalbot.long", matches = "true")
    void aThousandDeliveriesTenKills() throws Exception {
        run(Webhooks.seed("CrashStreamTest"), 50, 1_000, 10);
    }

    /** One webhook as GitHub sends it. */
    record Delivery(String id, String event, int pr, int head, byte[] body, boolean reviewed) {}

    static boolean valid(int pr) {
        return pr % 4 != 0;
    }

    void run(long seed, int prs, int total, int rounds) throws Exception {
        Random random = new Random(seed);
        int[] numbers = new int[prs];
        for (int p = 1; p <= prs; p++) {
            numbers[p - 1] = p;
        }
        github = new FakeGitHub(REPO, numbers);
        for (int p = 1; p <= prs; p++) {
            github.pullFiles(REPO, p, FakeGitHub.files(".eval_results/pr-" + p + ".yaml",
                    valid(p) ? Webhooks.VALID : Webhooks.INVALID));
        }
        // Slow GitHub down a little, so that kills land inside reviews as well as between them.
        github.server().setGlobalFixedDelay(15);
        List<Delivery> stream = stream(random, prs, total);
        Map<Integer, Integer> lastHead = new HashMap<>();
        for (Delivery d : stream) {
            if (d.reviewed()) {
                lastHead.merge(d.pr(), d.head(), Math::max);
            }
        }

        int port = freePort();
        Map<String, String> env = GitHubServerTest.env(tmp, github.url());
        env.put("EVALBOT_PORT", Integer.toString(port));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Deque<Delivery> unsent = new ArrayDeque<>();
        int perRound = (total + rounds - 1) / rounds;
        for (int round = 1; round <= rounds; round++) {
            for (int i = (round - 1) * perRound; i < Math.min(total, round * perRound); i++) {
                unsent.addLast(stream.get(i));
            }
            int postsBeforeKill = random.nextInt(unsent.size() + 1);
            int requestsAfter = random.nextInt(40);
            child = ServerProcess.start(http, tmp, env, "round-" + round);
            Sender sender = new Sender(port, unsent, accepted);
            sender.start();
            Eventually.await("round " + round + " reaches its kill point", Duration.ofSeconds(120),
                    () -> sender.posted() >= postsBeforeKill || !sender.isAlive());
            int journal = github.server().getAllServeEvents().size();
            Eventually.await("round " + round + " works on", Duration.ofSeconds(120),
                    () -> github.server().getAllServeEvents().size() >= journal + requestsAfter
                            || !sender.isAlive() && inboxDepth(port) == 0);
            child.destroyForcibly().waitFor(); // SIGKILL
            sender.finish();
            System.out.printf("CrashStreamTest round %d: killed after %d posts and %d more GitHub requests;"
                    + " %d posts to redeliver%n", round, sender.posted(), requestsAfter, unsent.size());
        }
        child = ServerProcess.start(http, tmp, env, "final");
        Sender last = new Sender(port, unsent, accepted);
        last.start();
        last.finish();
        assertTrue(unsent.isEmpty(), "every delivery posted");
        try {
            Eventually.await("every pull request reviewed at its last head", Duration.ofSeconds(120),
                    () -> lastHead.entrySet().stream().allMatch(e -> finalState(e.getKey(), e.getValue()) != null)
                            && inboxDepth(port) == 0);
        } catch (AssertionError e) {
            StringBuilder why = new StringBuilder(e.getMessage() + " (seed " + seed + ")");
            lastHead.forEach((p, h) -> {
                if (finalState(p, h) == null) {
                    why.append("\n#").append(p).append(" head ").append(h).append(": ").append(rows(p));
                }
            });
            why.append("\ninbox depth ").append(inboxDepth(port)).append("; final log:\n")
                    .append(Webhooks.read(tmp.resolve("final.log")));
            throw new AssertionError(why.toString(), e);
        }

        for (int p = 1; p <= prs; p++) {
            assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/" + p + "/comments"),
                    "comments on #" + p + " (seed " + seed + ")");
            assertEquals(valid(p) ? "success" : "failure", finalState(p, lastHead.get(p)), "#" + p);
            String right = valid(p) ? "eval/valid" : "eval/invalid";
            String wrong = valid(p) ? "eval/invalid" : "eval/valid";
            List<String> labels = github.addedLabels(REPO, p);
            assertTrue(labels.stream().anyMatch(l -> l.contains(right)), "#" + p + " labelled " + labels);
            assertTrue(labels.stream().noneMatch(l -> l.contains(wrong)), "#" + p + " labelled " + labels);
        }
        String db = "jdbc:sqlite:" + tmp.resolve("evalbot.db");
        // The final status is a review's last platform write; the inbox marks the delivery done just after.
        Eventually.await("every delivery finished", () -> !Webhooks.states(db).containsKey("running")
                && !Webhooks.states(db).containsKey("pending"));
        Map<String, Integer> states = Webhooks.states(db);
        assertEquals(Set.of(), states.keySet().stream().filter(s -> !s.equals("done") && !s.equals("superseded"))
                .collect(Collectors.toSet()), "nothing dead-lettered or left over: " + states + " (seed " + seed + ")");
        assertTrue(keys(db).containsAll(accepted), "every delivery answered 202 was kept");
        long released = 0;
        for (int round = 2; round <= rounds + 1; round++) {
            released += Webhooks.read(tmp.resolve((round <= rounds ? "round-" + round : "final") + ".log")).lines()
                    .filter(l -> l.contains("left running by a previous process")).count();
        }
        System.out.printf("CrashStreamTest: %d deliveries, %d accepted, store %s; %d restarts found work left"
                + " running%n", total, accepted.size(), states, released);
    }

    /**
     * Per pull request: opened, then new heads (synchronize), GitHub redelivering one of its earlier
     * deliveries (same id and body), or an event evalbot drops; interleaved at random across pull
     * requests, each pull request's own deliveries in order.
     */
    static List<Delivery> stream(Random random, int prs, int total) {
        List<Delivery> stream = new ArrayList<>();
        Map<Integer, List<Delivery>> sent = new HashMap<>();
        for (int i = 0; i < total; i++) {
            int pr = i < prs ? i + 1 : 1 + random.nextInt(prs);
            List<Delivery> earlier = sent.computeIfAbsent(pr, k -> new ArrayList<>());
            Delivery d;
            int roll = random.nextInt(10);
            if (earlier.isEmpty()) {
                d = review("opened", pr, 0, i);
            } else if (roll < 6) {
                int head = earlier.stream().mapToInt(Delivery::head).max().orElse(0) + 1;
                d = review("synchronize", pr, head, i);
            } else if (roll < 8) {
                d = earlier.get(random.nextInt(earlier.size()));
            } else {
                int head = earlier.stream().mapToInt(Delivery::head).max().orElse(0);
                d = new Delivery("d-" + i, "pull_request", pr, head,
                        Webhooks.pullRequest("labeled", REPO, pr, Webhooks.sha(pr, head)), false);
            }
            earlier.add(d);
            stream.add(d);
        }
        // The first pass opened every pull request in order; shuffle while keeping each one's order.
        List<Delivery> shuffled = new ArrayList<>();
        Map<Integer, Deque<Delivery>> queues = new HashMap<>();
        for (Delivery d : stream) {
            queues.computeIfAbsent(d.pr(), k -> new ArrayDeque<>()).addLast(d);
        }
        List<Integer> open = new ArrayList<>(queues.keySet());
        while (!open.isEmpty()) {
            int at = random.nextInt(open.size());
            Deque<Delivery> q = queues.get(open.get(at));
            shuffled.add(q.pollFirst());
            if (q.isEmpty()) {
                open.remove(at);
            }
        }
        return shuffled;
    }

    private static Delivery review(String action, int pr, int head, int i) {
        return new Delivery("d-" + i, "pull_request", pr, head,
                Webhooks.pullRequest(action, REPO, pr, Webhooks.sha(pr, head)), true);
    }

    /** The last final status GitHub got for the head, or null. */
    private String finalState(int pr, int head) {
        String state = null;
        for (LoggedRequest r : github.requests("POST", "/repos/" + REPO + "/statuses/" + Webhooks.sha(pr, head))) {
            String s = Webhooks.state(r);
            if (!s.equals("pending")) {
                state = s;
            }
        }
        return state;
    }

    private long inboxDepth(int port) {
        try {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.body().lines().filter(l -> l.startsWith("evalbot_inbox_depth"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String rows(int pr) {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("evalbot.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, delivery_key, head_sha, state, attempts, last_error"
                     + " FROM deliveries WHERE subject = 'github:" + REPO + "#" + pr + "' ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4)
                        + " x" + rs.getInt(5) + " " + rs.getString(6));
            }
        } catch (java.sql.SQLException e) {
            rows.add(e.toString());
        }
        return String.join("\n    ", rows);
    }

    private static Set<String> keys(String url) throws Exception {
        Set<String> keys = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT delivery_key FROM deliveries")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Posts deliveries in order until one fails to get an answer (the server died): that one and
     * the rest stay queued for the next server, as GitHub redelivers what failed.
     */
    final class Sender extends Thread {
        private final int port;
        private final Deque<Delivery> queue;
        private final Set<String> accepted;
        private volatile int posted;
        private volatile AssertionError error;

        Sender(int port, Deque<Delivery> queue, Set<String> accepted) {
            super("webhook-sender");
            this.port = port;
            this.queue = queue;
            this.accepted = accepted;
        }

        int posted() {
            return posted;
        }

        /** Waits for the sender to stop; rethrows what it found wrong. */
        void finish() throws InterruptedException {
            join();
            if (error != null) {
                throw error;
            }
        }

        @Override
        public void run() {
            while (!queue.isEmpty()) {
                Delivery d = queue.peekFirst();
                if (d.reviewed() && d.head() > pushed.getOrDefault(d.pr(), -1)) {
                    github.push(REPO, d.pr(), Webhooks.sha(d.pr(), d.head()));
                    pushed.put(d.pr(), d.head());
                }
                HttpResponse<String> response;
                try {
                    response = Webhooks.post(http, port, d.event(), d.id(), d.body());
                } catch (IOException | InterruptedException e) {
                    return; // the server died: GitHub redelivers this one later
                }
                int status = response.statusCode();
                if (status == 202 && response.body().contains("\"accepted\"")) {
                    accepted.add(d.id());
                } else if (status != 202 && status != 200) {
                    error = new AssertionError("delivery " + d.id() + " answered " + status + ": " + response.body());
                    return;
                }
                queue.pollFirst();
                posted++;
            }
        }
    }
}
