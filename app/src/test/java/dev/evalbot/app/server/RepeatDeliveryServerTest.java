package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the server: a delivery of a head whose review finished is answered by that review (one
 * conditional request, counted as {@code outcome="repeat"}), and a pull request closed and reopened
 * is reviewed in full again, so that its results return to the leaderboards; so is a base change.
 */
class RepeatDeliveryServerTest {
    static final String REPO = "org/repeat";

    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRedeliveryIsAnsweredByTheFinishedReviewAndAReopenReviewsAgain() throws Exception {
        try (FakeGitHub github = new FakeGitHub(REPO, 1)) {
            String head = Webhooks.sha(1, 0);
            github.pullFiles(REPO, 1, FakeGitHub.files(".eval_results/r.yaml", Webhooks.VALID));
            github.push(REPO, 1, head);
            try (EvalbotApp app = EvalbotApp.start(GitHubServerTest.env(tmp, github.url()), Clock.systemUTC())) {
                send(app, "d-0", "opened", head);
                Eventually.await("reviewed", () -> reviews(app, "reviewed") == 1);
                Eventually.await("the status set", () -> github.statuses().contains("success"));

                send(app, "d-1", "synchronize", head);
                Eventually.await("answered by the finished review", () -> reviews(app, "repeat") == 1);
                int served = github.server().getAllServeEvents().size();
                send(app, "d-2", "synchronize", head);
                Eventually.await("answered by the finished review", () -> reviews(app, "repeat") == 2);
                var latest = github.server().getAllServeEvents();
                assertEquals(served + 1, latest.size(), "one request");
                assertEquals("/repos/" + REPO + "/pulls/1", latest.get(0).getRequest().getUrl());
                assertEquals(304, latest.get(0).getResponse().getStatus());
                assertEquals(1, github.count("GET", ".*/pulls/1/files"), "the files were read once");

                send(app, "d-3", "closed", head);
                Eventually.await("the close recorded", () -> completed(app) == 4);
                send(app, "d-4", "reopened", head);
                Eventually.await("reviewed in full again", () -> reviews(app, "reviewed") == 2);
                assertEquals(2, github.count("GET", ".*/pulls/1/files"));
                assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/1/comments"), "one comment");
                assertEquals(List.of("success"), github.statuses(), "nothing new to say: no second status");

                // The base was changed (an edited delivery with changes.base): never answered early.
                var edited = (com.fasterxml.jackson.databind.node.ObjectNode) Webhooks.JSON.readTree(
                        Webhooks.pullRequest("opened", REPO, 1, head));
                edited.put("action", "edited").putObject("changes").putObject("base").putObject("ref")
                        .put("from", "develop");
                assertEquals(202, Webhooks.post(http, app.port(), "pull_request", "d-5",
                        Webhooks.JSON.writeValueAsBytes(edited)).statusCode());
                Eventually.await("reviewed in full for the new base", () -> reviews(app, "reviewed") == 3);
                assertEquals(3, github.count("GET", ".*/pulls/1/files"));
            }
        }
    }

    @Test
    void aLateRedeliveryAfterAMergeLeavesItMerged() throws Exception {
        try (FakeGitHub github = new FakeGitHub(REPO, 1)) {
            String head = Webhooks.sha(1, 0);
            github.pullFiles(REPO, 1, FakeGitHub.files(".eval_results/r.yaml", Webhooks.VALID));
            github.push(REPO, 1, head);
            Path db = tmp.resolve("evalbot.db");
            try (EvalbotApp app = EvalbotApp.start(GitHubServerTest.env(tmp, github.url()), Clock.systemUTC())) {
                send(app, "m-0", "opened", head);
                Eventually.await("reviewed", () -> reviews(app, "reviewed") == 1);
                var merged = (com.fasterxml.jackson.databind.node.ObjectNode) Webhooks.JSON.readTree(
                        Webhooks.pullRequest("closed", REPO, 1, head));
                ((com.fasterxml.jackson.databind.node.ObjectNode) merged.get("pull_request")).put("merged", true);
                assertEquals(202, Webhooks.post(http, app.port(), "pull_request", "m-1",
                        Webhooks.JSON.writeValueAsBytes(merged)).statusCode());
                Eventually.await("the merge recorded", () -> completed(app) == 2);
                send(app, "m-2", "synchronize", head);
                Eventually.await("answered by the finished review", () -> reviews(app, "repeat") == 1);
            }
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                    var rs = c.createStatement().executeQuery("SELECT pr_state FROM result_pulls WHERE number = 1")) {
                assertEquals(true, rs.next());
                assertEquals("merged", rs.getString(1));
            }
        }
    }

    private void send(EvalbotApp app, String delivery, String action, String head) throws Exception {
        assertEquals(202, Webhooks.post(http, app.port(), "pull_request", delivery,
                Webhooks.pullRequest(action, REPO, 1, head)).statusCode());
    }

    private double reviews(EvalbotApp app, String outcome) {
        return metric(app, "evalbot_reviews_total", "outcome=\"" + outcome + "\"");
    }

    private double completed(EvalbotApp app) {
        return metric(app, "evalbot_deliveries_completed_total", "platform=\"github\"");
    }

    private double metric(EvalbotApp app, String name, String label) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return -1;
        }
    }
}
