package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.FaultInjector;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running server against a GitHub that fails a fifth of its requests (at most {@value #MAX_FAULTS}
 * per delivery) with 500, 502, 429 or a secondary-rate-limit 403 ({@code Retry-After: 1}) and
 * answers a tenth slowly. Every pull request still ends reviewed once, rate limits are waited out per delivery
 * (read from WireMock's journal), and each failure costs exactly one more attempt: no herd.
 *
 * <p>Each pull request lives in its own repository, so that every request in the journal (the
 * repository's labels included) belongs to exactly one delivery. The seed is printed; rerun one
 * with {@code -Devalbot.seed=N}. {@code -Devalbot.long=true} adds the 5 s slow-reply variant.
 */
class GitHubFaultsTest {
    static final int PRS = 24;
    /** Failures per delivery at most: 3 keeps the doubling backoff short (attempts allowed: 8). */
    static final int MAX_FAULTS = 3;

    @TempDir
    Path tmp;
    FakeGitHub github;
    EvalbotApp app;
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

    @Test
    void failingAndSlowGitHubStillEndsInOneReviewPerPullRequestWithBackoffHonoured() throws Exception {
        run(Webhooks.seed("GitHubFaultsTest"), 300, Duration.ofSeconds(120));
    }

    @Test
    @EnabledIfSystemProperty(named = "evalbot.long", matches = "true")
    void fiveSecondRepliesToo() throws Exception {
        run(Webhooks.seed("GitHubFaultsTest"), 5_000, Duration.ofMinutes(10));
    }

    static String repo(int i) {
        return "org/model-" + i;
    }

    static boolean valid(int i) {
        return i % 3 != 0;
    }

    void run(long seed, int slowMillis, Duration limit) throws Exception {
        FaultInjector faults = new FaultInjector(seed, 0.2, 0.1, slowMillis, GitHubFaultsTest::repoOf, MAX_FAULTS);
        github = new FakeGitHub(List.of(faults), repo(0), 1);
        for (int i = 0; i < PRS; i++) {
            if (i > 0) {
                github.addRepository(repo(i), 1);
            }
            if (i % 3 != 2) { // the rest create their labels, under faults too
                github.labelsExist(repo(i));
            }
            github.push(repo(i), 1, Webhooks.sha(i, 0));
            github.pullFiles(repo(i), 1, FakeGitHub.files(".eval_results/model-" + i + ".yaml",
                    valid(i) ? Webhooks.VALID : Webhooks.INVALID));
        }
        Map<String, String> env = GitHubServerTest.env(tmp, github.url());
        // About faults, not GitHub's budget: 24 reviews and their retries may write faster than 80 a minute.
        env.put("EVALBOT_GITHUB_WRITE_BUDGET", "10000/60s");
        app = EvalbotApp.start(env, Clock.systemUTC());
        for (int i = 0; i < PRS; i++) {
            byte[] body = Webhooks.pullRequest("opened", repo(i), 1, Webhooks.sha(i, 0));
            assertEquals(202, Webhooks.post(http, app.port(), "pull_request", "d-" + i, body).statusCode());
            if (i % 4 == 0) { // GitHub redelivers now and then: a duplicate changes nothing
                assertEquals(200, Webhooks.post(http, app.port(), "pull_request", "d-" + i, body).statusCode());
            }
        }
        Eventually.await("every pull request reviewed", limit, () -> finalStates().size() == PRS);

        Map<String, List<ServeEvent>> byRepo = journalByRepo();
        int faultCount = 0;
        int rateLimits = 0;
        Map<Integer, Integer> faultsByStatus = new TreeMap<>();
        for (int i = 0; i < PRS; i++) {
            String repo = repo(i);
            List<ServeEvent> events = byRepo.getOrDefault(repo, List.of());
            assertEquals(1, github.count("POST", "/repos/" + repo + "/issues/1/comments"),
                    "one comment create on " + repo + " (seed " + seed + ")");
            assertEquals(valid(i) ? "success" : "failure", finalStates().get(repo), repo);
            String right = valid(i) ? "eval/valid" : "eval/invalid";
            String wrong = valid(i) ? "eval/invalid" : "eval/valid";
            List<String> labels = github.addedLabels(repo, 1);
            assertTrue(labels.stream().anyMatch(l -> l.contains(right)), repo + " labelled " + labels);
            assertTrue(labels.stream().noneMatch(l -> l.contains(wrong)), repo + " labelled " + labels);

            int faultsHere = 0;
            int attempts = 0;
            for (int k = 0; k < events.size(); k++) {
                ServeEvent e = events.get(k);
                int status = e.getResponse().getStatus();
                // Every attempt starts by asking for the pull request's current head.
                if (e.getRequest().getMethod().getName().equals("GET")
                        && e.getRequest().getUrl().equals("/repos/" + repo + "/pulls/1")) {
                    attempts++;
                }
                if (!FaultInjector.FAULT_STATUSES.contains(status)) {
                    continue;
                }
                faultsHere++;
                faultsByStatus.merge(status, 1, Integer::sum);
                if (FaultInjector.hasRetryAfter(status) && k + 1 < events.size()) {
                    rateLimits++;
                    long failedAt = e.getRequest().getLoggedDate().getTime();
                    long nextAt = events.get(k + 1).getRequest().getLoggedDate().getTime();
                    assertTrue(nextAt - failedAt >= 1000, repo + ": the request after a " + status
                            + " with Retry-After: 1 came " + (nextAt - failedAt) + " ms later (seed " + seed + ")");
                }
            }
            // One attempt after the first per failure: no failure was retried twice, and nothing
            // retried without a failure.
            assertEquals(faultsHere, attempts - 1, repo + ": retries per failure (seed " + seed + ")");
            faultCount += faultsHere;
        }
        int total = github.server().getAllServeEvents().size();
        System.out.printf("GitHubFaultsTest: %d requests, %d failed (%s), %d rate limits waited out%n",
                total, faultCount, faultsByStatus, rateLimits);
        assertTrue(faultCount > 0, "faults were injected");
        // The final status is a review's last platform write; the inbox marks the delivery done just after.
        String db = "jdbc:sqlite:" + tmp.resolve("evalbot.db");
        Eventually.await("every delivery finished", () -> !Webhooks.states(db).containsKey("running")
                && !Webhooks.states(db).containsKey("pending"));
        assertEquals(Map.of("done", PRS), Webhooks.states(db), "nothing dead-lettered or left over");
    }

    /** The journal, oldest first, per repository; GraphQL requests name theirs in the variables. */
    private Map<String, List<ServeEvent>> journalByRepo() {
        Map<String, List<ServeEvent>> byRepo = new HashMap<>();
        List<ServeEvent> all = journal();
        for (ServeEvent e : all) {
            byRepo.computeIfAbsent(repoOf(e.getRequest()), r -> new ArrayList<>()).add(e);
        }
        return byRepo;
    }

    /** Oldest first; requests logged in the same millisecond stay in arrival order. */
    private List<ServeEvent> journal() {
        List<ServeEvent> all = new ArrayList<>(github.server().getAllServeEvents());
        java.util.Collections.reverse(all);
        all.sort(Comparator.comparing((ServeEvent e) -> e.getRequest().getLoggedDate()));
        return all;
    }

    private static String repoOf(LoggedRequest r) {
        String path = r.getUrl();
        if (path.startsWith("/repos/")) {
            String[] parts = path.split("/");
            return parts[2] + "/" + parts[3];
        }
        try {
            JsonNode vars = Webhooks.JSON.readTree(r.getBodyAsString()).path("variables");
            return vars.path("owner").asText() + "/" + vars.path("name").asText();
        } catch (Exception e) {
            return "?";
        }
    }

    private static boolean isStatus(LoggedRequest r) {
        return r.getMethod().getName().equals("POST") && r.getUrl().contains("/statuses/");
    }

    /** The last final (not pending) status each repository got that GitHub accepted. */
    private Map<String, String> finalStates() {
        Map<String, String> states = new HashMap<>();
        List<ServeEvent> all = journal();
        for (ServeEvent e : all) {
            if (isStatus(e.getRequest()) && e.getResponse().getStatus() == 201) {
                String state = Webhooks.state(e.getRequest());
                if (!state.equals("pending")) {
                    states.put(repoOf(e.getRequest()), state);
                }
            }
        }
        return states;
    }
}
