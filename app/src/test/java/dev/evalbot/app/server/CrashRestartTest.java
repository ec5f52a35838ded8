package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import dev.evalbot.app.platform.github.WebhookSignature;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a child process, killed with SIGKILL while deliveries are in flight, then
 * restarted: every accepted delivery is processed, and no pull request gets a second comment.
 */
class CrashRestartTest {
    static final String REPO = "Codertocat/Hello-World";
    static final int PRS = 12;

    @TempDir
    Path tmp;
    FakeGitHub github;
    Process child;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final ObjectMapper json = new ObjectMapper();

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
    void killNineWhileReviewingThenRestartProcessesEverythingOnce() throws Exception {
        int[] numbers = IntStream.rangeClosed(1, PRS).toArray();
        github = new FakeGitHub(REPO, numbers);
        for (int n : numbers) {
            github.push(REPO, n, String.format("%040d", n));
            github.files(n, FakeGitHub.files(".eval_results/r.yaml",
                    "- dataset: {id: cais/hle, task_id: hle}\n  value: " + n + "\n"));
        }
        // Slow GitHub down so that the kill lands while reviews are in flight.
        github.server().setGlobalFixedDelay(40);
        int port = freePort();
        Map<String, String> env = GitHubServerTest.env(tmp, github.url());
        env.put("EVALBOT_PORT", Integer.toString(port));

        child = startServer(env, "first");
        List<byte[]> bodies = new ArrayList<>();
        for (int n : numbers) {
            bodies.add(payload(n));
        }
        for (int i = 0; i < bodies.size(); i++) {
            assertEquals(202, post(port, "delivery-" + i, bodies.get(i)).statusCode());
        }
        // Every delivery is committed (202), most are not reviewed yet: kill now.
        int statusesBefore = github.statuses().size();
        child.destroyForcibly().waitFor();
        assertTrue(statusesBefore < PRS, "the kill should land mid-stream, " + statusesBefore + " done");

        child = startServer(env, "second");
        // GitHub redelivers what it thinks failed: duplicates must change nothing.
        assertEquals(200, post(port, "delivery-0", bodies.get(0)).statusCode());
        Eventually.await("every pull request reviewed", Duration.ofSeconds(90), () -> reviewedPrs() == PRS);
        for (int n : numbers) {
            assertEquals(1, github.count("POST", ".*/issues/" + n + "/comments"), "comments on #" + n);
        }
    }

    private long reviewedPrs() {
        return github.requests("POST", "/repos/" + REPO + "/statuses/.*").stream()
                .filter(r -> r.getBodyAsString().contains("\"success\""))
                .map(r -> r.getUrl()).distinct().count();
    }

    private byte[] payload(int number) throws IOException {
        ObjectNode root = (ObjectNode) json.readTree(Files.readAllBytes(
                Path.of("src/test/resources/github-webhooks/pull_request.opened.json")));
        root.put("number", number);
        ObjectNode pr = (ObjectNode) root.get("pull_request");
        pr.put("number", number);
        // A distinct head per pull request, so each gets its own status.
        ((ObjectNode) pr.get("head")).put("sha", String.format("%040d", number));
        return json.writeValueAsBytes(root);
    }

    private HttpResponse<String> post(int port, String delivery, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", new WebhookSignature(GitHubServerTest.SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process startServer(Map<String, String> env, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.evalbot.app.cli.Main", "serve");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        Process p = pb.start();
        int port = Integer.parseInt(env.get("EVALBOT_PORT"));
        Eventually.await("server " + name + " ready", Duration.ofSeconds(60), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("server exited: " + read(tmp.resolve(name + ".log")));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        return p;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
