package dev.evalbot.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evalbot.app.platform.github.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Signed GitHub webhooks for the tests that drive a running server, and what they left behind. */
final class Webhooks {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALID = GitHubServerTest.VALID;
    static final String INVALID = GitHubServerTest.INVALID;

    private Webhooks() {}

    /** The shipped {@code pull_request.<action>} payload, moved to {@code repo}, PR {@code number}, head {@code headSha}. */
    static byte[] pullRequest(String action, String repo, int number, String headSha) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(GitHubServerTest.payload("pull_request." + action + ".json"));
            String owner = repo.substring(0, repo.indexOf('/'));
            String name = repo.substring(repo.indexOf('/') + 1);
            root.put("number", number);
            ObjectNode pr = (ObjectNode) root.get("pull_request");
            pr.put("number", number);
            ((ObjectNode) pr.get("head")).put("sha", headSha);
            for (JsonNode r : new JsonNode[] {root.get("repository"), pr.path("head").path("repo"),
                    pr.path("base").path("repo")}) {
                if (r instanceof ObjectNode o) {
                    o.put("name", name).put("full_name", repo);
                    ((ObjectNode) o.get("owner")).put("login", owner);
                }
            }
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seed of a randomised test: {@code -Devalbot.seed=N}, else a random one; printed for a rerun. */
    static long seed(String test) {
        long seed = Long.getLong("evalbot.seed", java.util.concurrent.ThreadLocalRandom.current().nextLong());
        System.out.println(test + " seed: " + seed + " (rerun with -Devalbot.seed=" + seed + ")");
        return seed;
    }

    /** A 40-character head sha that names its pull request and revision, for reading the journal. */
    static String sha(int pr, int revision) {
        return String.format("%020d%020d", pr, revision);
    }

    static HttpResponse<String> post(HttpClient http, int port, String event, String delivery, byte[] body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                .timeout(Duration.ofSeconds(30))
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", new WebhookSignature(GitHubServerTest.SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int get(HttpClient http, int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code state} of a logged commit-status request. */
    static String state(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString()).path("state").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit sha a logged status request is for. */
    static String statusSha(LoggedRequest r) {
        String url = r.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** How many deliveries the store holds in each state. */
    static Map<String, Integer> states(String jdbcUrl) {
        Map<String, Integer> states = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM deliveries GROUP BY state")) {
            while (rs.next()) {
                states.put(rs.getString(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return states;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
