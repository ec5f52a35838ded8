package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.FakeGitHubListings;
import dev.evalbot.app.platform.hub.FakeHub;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.store.StoredReview;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull requests opened while evalbot was down (their webhooks never arrived) are found by the
 * reconciler's sweep at start and reviewed once each, through the same inbox and handler as a webhook.
 */
class ReconcileServerTest {
    static final Duration CEILING = Duration.ofSeconds(60);
    static final String PATH = ".eval_results/r.yaml";

    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twentyPullRequestsOpenedWhileDownAreReviewedOnceEachIncludingARepositoryInstalledMeanwhile() throws Exception {
        String a = "org/alpha";
        String b = "org/beta"; // added to the installation while evalbot is down
        int[] numbers = new int[10];
        for (int i = 0; i < 10; i++) {
            numbers[i] = i + 1;
        }
        try (FakeGitHub github = new FakeGitHub(a, numbers)) {
            github.addRepository(b, numbers);
            FakeGitHubListings listings = new FakeGitHubListings(github);
            listings.install(a);
            Map<String, String> env = appEnv(github.url());
            try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
                assertEquals(0, app.reconciler().sweep().queued(), "nothing open yet");
            }

            listings.install(b);
            for (String repo : new String[] {a, b}) {
                github.labelsExist(repo);
                for (int n : numbers) {
                    github.pullFiles(repo, n, FakeGitHub.files(PATH, Webhooks.VALID));
                    github.push(repo, n, Webhooks.sha(n, 0));
                    listings.open(repo, n, Webhooks.sha(n, 0));
                }
            }
            try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
                ReviewStore reviews = new ReviewStore(app.database(), Clock.systemUTC());
                Eventually.await("all 20 reviewed", CEILING, () -> reviewed(reviews, a, numbers)
                        && reviewed(reviews, b, numbers) && idle(app.database()));
                for (String repo : new String[] {a, b}) {
                    for (int n : numbers) {
                        assertEquals(1, github.count("POST", "/repos/" + repo + "/issues/" + n + "/comments"),
                                "one comment on " + repo + "#" + n);
                    }
                }
                assertEquals(0, app.reconciler().sweep().queued(), "a later sweep finds nothing to queue");
                String metrics = scrape(app.port());
                assertTrue(metrics.contains("evalbot_reconciler_pulls_total{outcome=\"queued\",platform=\"github\"} 20.0"),
                        metrics.lines().filter(l -> l.contains("reconciler")).toList().toString());
            }
        }
    }

    @Test
    void aPullRequestReviewedByWebhookDuringASweepIsReviewedOnce() throws Exception {
        String repo = "org/race";
        int[] numbers = {1, 2, 3, 4, 5};
        try (FakeGitHub github = new FakeGitHub(repo, numbers)) {
            github.labelsExist(repo);
            Map<String, String> env = GitHubServerTest.env(tmp, github.url());
            env.put("EVALBOT_RECONCILE_REPOS", repo);
            env.put("EVALBOT_RECONCILE_MINUTES", "0"); // sweeps on demand only: the test starts them
            FakeGitHubListings listings = new FakeGitHubListings(github);
            for (int n : numbers) {
                github.pullFiles(repo, n, FakeGitHub.files(PATH, Webhooks.VALID));
                github.push(repo, n, Webhooks.sha(n, 0));
                listings.open(repo, n, Webhooks.sha(n, 0));
            }
            try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
                CountDownLatch go = new CountDownLatch(1);
                Thread sweeper = new Thread(() -> {
                    try {
                        go.await();
                        app.reconciler().sweep();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                sweeper.start();
                go.countDown();
                for (int n : numbers) {
                    assertEquals(202, Webhooks.post(http, app.port(), "pull_request", "d-" + n,
                            Webhooks.pullRequest("opened", repo, n, Webhooks.sha(n, 0))).statusCode());
                }
                sweeper.join(CEILING.toMillis());
                app.reconciler().sweep(); // and once more after the webhooks' reviews may have finished
                ReviewStore reviews = new ReviewStore(app.database(), Clock.systemUTC());
                Eventually.await("all reviewed", CEILING, () -> reviewed(reviews, repo, numbers) && idle(app.database()));
                for (int n : numbers) {
                    assertEquals(1, github.count("POST", "/repos/" + repo + "/issues/" + n + "/comments"),
                            "one comment on #" + n);
                    assertEquals(1, github.requests("POST", "/repos/" + repo + "/statuses/" + Webhooks.sha(n, 0)).stream()
                            .map(Webhooks::state).filter(s -> !s.equals("pending")).count(), "one final status on #" + n);
                }
            }
        }
    }

    @Test
    void twentyHubPullRequestsOpenedWhileDownAreReviewedOnceEach() throws Exception {
        String repo = "org/model";
        int[] numbers = new int[20];
        for (int i = 0; i < 20; i++) {
            numbers[i] = i + 1;
        }
        try (FakeHub hub = new FakeHub("model", repo, 1)) {
            hub.files(FakeHub.files(PATH, Webhooks.VALID));
            for (int n = 2; n <= 20; n++) {
                hub.discussion(n);
            }
            hub.openPulls(numbers);
            Map<String, String> env = new HashMap<>();
            env.put("HF_TOKEN", "hf_test_token");
            env.put("HF_WEBHOOK_SECRET", "hub-s3cret");
            env.put("HF_ENDPOINT", hub.url());
            env.put("EVALBOT_RECONCILE_HUB_REPOS", repo);
            env.put("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("evalbot.db"));
            env.put("EVALBOT_PORT", "0");
            env.put("EVALBOT_HOST", "127.0.0.1");
            env.put("EVALBOT_CONFIG", "../config");
            env.put("EVALBOT_DATA", tmp.toString());
            env.put("HF_HUB_OFFLINE", "1");
            try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
                ReviewStore reviews = new ReviewStore(app.database(), Clock.systemUTC());
                Eventually.await("all 20 reviewed", CEILING, () -> {
                    for (int n : numbers) {
                        if (reviews.get(new PullRef(PlatformId.HUB, repo, n)).map(StoredReview::review)
                                .filter(r -> FakeHub.HEAD.equals(r.headSha())).isEmpty()) {
                            return false;
                        }
                    }
                    return idle(app.database());
                });
                for (int n : numbers) {
                    assertEquals(1, hub.count("POST", hub.api() + "/discussions/" + n + "/comment"), "one comment on #" + n);
                }
                assertEquals(0, app.reconciler().sweep().queued(), "a later sweep finds nothing to queue");
            }
        }
    }

    private Map<String, String> appEnv(String url) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> env = GitHubServerTest.env(tmp, url);
        env.remove("GITHUB_TOKEN");
        env.put("GITHUB_APP_ID", "1234");
        env.put("GITHUB_APP_PRIVATE_KEY", pem);
        return env;
    }

    private static boolean reviewed(ReviewStore reviews, String repo, int[] numbers) {
        for (int n : numbers) {
            if (reviews.get(new PullRef(PlatformId.GITHUB, repo, n)).map(StoredReview::review)
                    .filter(r -> Webhooks.sha(n, 0).equals(r.headSha())).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** No delivery pending or running: every queued review finished. */
    private static boolean idle(Database db) {
        return db.read("count active deliveries", c -> {
            try (var st = c.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'running')")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    private String scrape(int port) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
