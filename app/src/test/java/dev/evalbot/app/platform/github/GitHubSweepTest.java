package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.InboxConfig;
import dev.evalbot.app.inbox.Jitter;
import dev.evalbot.app.inbox.LeaseSettings;
import dev.evalbot.app.reconcile.RateBudget;
import dev.evalbot.app.reconcile.ReconcileSettings;
import dev.evalbot.app.reconcile.Reconciler;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps of a GitHub App's installation against the loopback GitHub, queuing into a real inbox on SQLite. */
class GitHubSweepTest {
    static final String REPO = "org/big";

    @TempDir
    Path tmp;

    static String pem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    static String sha(int pr, int revision) {
        return String.format("%020d%020d", pr, revision);
    }

    @Test
    void aSweepOfUnchangedOpenPullRequestsSendsOnlyConditionalRequestsAnswered304() throws Exception {
        try (FakeGitHub github = new FakeGitHub(REPO, 1);
             Database db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("t.db")))) {
            FakeGitHubListings listings = new FakeGitHubListings(github);
            listings.install(REPO);
            for (int n = 1; n <= 100; n++) {
                listings.open(REPO, n, sha(n, 0));
            }
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            GitHubSettings settings = new GitHubSettings("s", null, "1234", pem(), github.url(), "evalbot[bot]", null,
                    BudgetSettings.DEFAULT);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            GitHubPlatform platform = new GitHubPlatform(settings, new GitHubAuth(settings, http, Clock.systemUTC()),
                    http, meters, Clock.systemUTC());
            ReconcileSettings reconcile = ReconcileSettings.fromEnvironment(Map.of());
            Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(), meters, PlatformModules.known(), LeaseSettings.of(InboxConfig.DEFAULT.lease()));
            Reconciler reconciler = Reconciler.of(List.of(GitHubPullSource.of(platform, reconcile, db, Clock.systemUTC())),
                    inbox, db, reconcile, meters, Clock.systemUTC());

            Reconciler.Sweep first = reconciler.sweep();
            assertEquals(new Reconciler.Sweep(1, 100, 100, 0, 0, List.of()), first);
            assertEquals(100, inbox.depth(), "one review queued per open pull request");

            int before = listings.served().size();
            Reconciler.Sweep second = reconciler.sweep();
            List<FakeGitHubListings.Served> served = listings.served().subList(before, listings.served().size());
            assertEquals(List.of(new FakeGitHubListings.Served("/app/installations", true, 304),
                    new FakeGitHubListings.Served("/installation/repositories", true, 304),
                    new FakeGitHubListings.Served("/repos/" + REPO + "/pulls", true, 304)), served,
                    "only conditional requests, each answered 304");
            assertEquals(new Reconciler.Sweep(1, 0, 0, 0, 0, List.of()), second, "nothing listed, nothing queued");
            assertEquals(100, inbox.depth());

            // A push to one pull request changes the listing: its new head is queued, the others are known.
            listings.open(REPO, 7, sha(7, 1));
            Reconciler.Sweep third = reconciler.sweep();
            assertEquals(new Reconciler.Sweep(1, 100, 1, 0, 99, List.of()), third);
            assertEquals(101.0, meters.counter("evalbot.reconciler.pulls", "platform", "github", "outcome", "queued")
                    .count());
        }
    }

    @Test
    void theFailedDeliveriesOfEventsEvalbotActsOnSinceTheLastCheckAreRedeliveredOnce() throws Exception {
        try (FakeGitHub github = new FakeGitHub(REPO, 1)) {
            Instant now = Instant.now();
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var list = json.createArrayNode();
            // Newest first, as GitHub lists them.
            list.addObject().put("id", 6).put("guid", "c").put("delivered_at", now.minusSeconds(60).toString())
                    .put("status_code", 200).put("event", "pull_request"); // c's redelivery succeeded
            list.addObject().put("id", 5).put("guid", "a").put("delivered_at", now.minusSeconds(120).toString())
                    .put("status_code", 502).put("event", "pull_request");
            list.addObject().put("id", 4).put("guid", "b").put("delivered_at", now.minusSeconds(180).toString())
                    .put("status_code", 200).put("event", "issue_comment");
            list.addObject().put("id", 3).put("guid", "c").put("delivered_at", now.minusSeconds(240).toString())
                    .put("status_code", 0).put("event", "pull_request");
            list.addObject().put("id", 2).put("guid", "d").put("delivered_at", now.minusSeconds(300).toString())
                    .put("status_code", 503).put("event", "push"); // not an event evalbot acts on
            list.addObject().put("id", 1).put("guid", "e").put("delivered_at", now.minus(java.time.Duration.ofHours(30))
                    .toString()).put("status_code", 500).put("event", "issue_comment"); // before the look-back
            github.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/app/hook/deliveries"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(list.toString())));
            github.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/app/hook/deliveries/[0-9]+/attempts"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202)));
            GitHubSettings settings = new GitHubSettings("s", null, "1234", pem(), github.url(), "evalbot[bot]", null,
                    BudgetSettings.DEFAULT);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            GitHubPlatform platform = new GitHubPlatform(settings, new GitHubAuth(settings, http, Clock.systemUTC()),
                    http, new SimpleMeterRegistry(), Clock.systemUTC());
            Instant[] checkpoint = {null};
            FailedDeliveries.Checkpoint memory = new FailedDeliveries.Checkpoint() {
                @Override
                public Instant last() {
                    return checkpoint[0];
                }

                @Override
                public void reached(Instant when) {
                    checkpoint[0] = when;
                }
            };
            FailedDeliveries failed = new FailedDeliveries(platform.requests(), memory, java.time.Duration.ofHours(24), 100,
                    new RateBudget(0.1, 0.2, Clock.systemUTC()), Clock.systemUTC());

            assertEquals(1, failed.redeliver());
            assertEquals(List.of("/app/hook/deliveries/5/attempts"), github.requests("POST", "/app/hook/deliveries/.*")
                    .stream().map(r -> r.getUrl()).toList(), "only the failed pull_request delivery a");
            assertTrue(github.requests("GET", "/app/hook/deliveries").get(0).getHeader("Authorization")
                    .startsWith("Bearer "), "as the App");
            assertTrue(checkpoint[0] != null);
            // The next check starts where this one ended: a is not asked for again.
            list.removeAll();
            github.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/app/hook/deliveries"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[{\"id\":5,\"guid\":\"a\","
                            + "\"delivered_at\":\"" + now.minus(java.time.Duration.ofHours(2)) + "\",\"status_code\":502,"
                            + "\"event\":\"pull_request\"}]")));
            assertEquals(0, failed.redeliver());
            assertEquals(1, github.count("POST", "/app/hook/deliveries/.*"));
        }
    }

    @Test
    void theBudgetStopsAtItsShareAndWhileTheLimitIsLow() {
        Instant now = Instant.parse("2026-12-06T01:00:00Z");
        RateBudget budget = new RateBudget(0.1, 0.2, Clock.fixed(now, ZoneOffset.UTC));
        String reset = Long.toString(now.getEpochSecond() + 3600);
        budget.before("installation 1");
        budget.after("installation 1", true, "20", "19", reset);
        budget.before("installation 1");
        budget.after("installation 1", false, "20", "19", reset); // a 304 costs nothing
        budget.before("installation 1");
        budget.after("installation 1", true, "20", "18", reset);
        assertThrows(RateBudget.Spent.class, () -> budget.before("installation 1"), "2 of 20 is the 0.1 share");
        budget.before("installation 2");
        budget.after("installation 2", true, "5000", "900", reset);
        RateBudget.Spent low = assertThrows(RateBudget.Spent.class, () -> budget.before("installation 2"));
        assertTrue(low.getMessage().contains("wait until " + Instant.ofEpochSecond(Long.parseLong(reset))),
                low.getMessage());
        RateBudget later = new RateBudget(0.1, 0.2, Clock.fixed(now.plusSeconds(3601), ZoneOffset.UTC));
        later.before("installation 3");
        assertFalse(later.spent("installation 3") > 0);
    }

    @Test
    void malformedSettingsAreOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReconcileSettings.fromEnvironment(Map.of("EVALBOT_RECONCILE_MINUTES", "ten")));
        assertEquals("EVALBOT_RECONCILE_MINUTES must be a whole number from 0 to 10080, got ten", e.getMessage());
        assertFalse(ReconcileSettings.fromEnvironment(Map.of("EVALBOT_RECONCILE_MINUTES", "0")).enabled());
        assertEquals(List.of(new ReconcileSettings.HubRepo("dataset", "cais/hle"),
                new ReconcileSettings.HubRepo("model", "org/m")), ReconcileSettings.fromEnvironment(
                Map.of("EVALBOT_RECONCILE_HUB_REPOS", "datasets/cais/hle, org/m")).hubRepos());
        assertThrows(IllegalArgumentException.class,
                () -> ReconcileSettings.fromEnvironment(Map.of("EVALBOT_RECONCILE_REPOS", "not a repo")));
        assertThrows(IllegalArgumentException.class,
                () -> ReconcileSettings.fromEnvironment(Map.of("EVALBOT_RECONCILE_SHARE", "2")));
    }
}
