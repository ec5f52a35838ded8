package dev.evalbot.app.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.platform.github.GitHubAuth;
import dev.evalbot.app.platform.github.GitHubSettings;
import dev.evalbot.app.platform.hub.HubSettings;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.rules.board.Leaderboard;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Publishes a refreshed leaderboard to the targets its benchmark configures: a commit of
 * {@code leaderboard.json} and {@code LEADERBOARD.md} to a GitHub repository or to the benchmark's
 * dataset repository on the Hub (only when the content differs from what is there), and a signed
 * POST for dashboards and Spaces. Any failure throws, and {@link BoardService} retries later.
 */
public final class Publishers implements BoardPublisher {
    public static final String SIGNATURE_HEADER = "X-Evalbot-Signature-256";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final PublishTargets targets;
    private final HttpClient http;
    private final GitHubSettings github;
    private final GitHubAuth githubAuth;
    private final HubSettings hub;
    private final String webhookSecret;
    private final ObjectMapper json = new ObjectMapper();
    private final LeaderboardMarkdown markdown = new LeaderboardMarkdown();

    /** @param githubAuth null when GitHub has no credentials; hub null when the Hub is off */
    public Publishers(PublishTargets targets, HttpClient http, GitHubSettings github, GitHubAuth githubAuth,
            HubSettings hub, String webhookSecret) {
        this.targets = targets;
        this.http = http;
        this.github = github;
        this.githubAuth = githubAuth;
        this.hub = hub;
        this.webhookSecret = webhookSecret;
    }

    @Override
    public void publish(Leaderboard board, String boardJson) {
        targets.of(board.benchmarkId()).ifPresent(target -> {
            String md = markdown.render(board);
            if (target.githubRepo() != null) {
                requireNonNull(githubAuth, "GitHub credentials");
                commitToGitHub(target.githubRepo(), "leaderboard.json", boardJson);
                commitToGitHub(target.githubRepo(), "LEADERBOARD.md", md);
            }
            if (target.hub()) {
                requireNonNull(hub == null || hub.token() == null ? null : hub, "HF_TOKEN");
                commitToHub(board.benchmarkId(), Map.of("leaderboard.json", boardJson, "LEADERBOARD.md", md));
            }
            if (target.webhook() != null) {
                post(target.webhook(), boardJson);
            }
        });
    }

    private void commitToGitHub(String repo, String path, String content) {
        String url = github.apiUrl() + "/repos/" + repo + "/contents/" + path;
        HttpResponse<String> current = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", githubAuth.authorizationForRepo(repo))
                .header("Accept", "application/vnd.github+json").GET().build());
        String sha = null;
        if (current.statusCode() == 200) {
            JsonNode file = read(current.body());
            String existing = new String(Base64.getMimeDecoder().decode(file.path("content").asText("")),
                    StandardCharsets.UTF_8);
            if (existing.equals(content)) {
                return; // only a change makes a commit
            }
            sha = file.path("sha").asText(null);
        } else if (current.statusCode() != 404) {
            throw failure("GET " + path + " on " + repo, current);
        }
        var body = json.createObjectNode().put("message", "evalbot: update " + path)
                .put("content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
        if (sha != null) {
            body.put("sha", sha);
        }
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", githubAuth.authorizationForRepo(repo))
                .header("Accept", "application/vnd.github+json").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
        if (put.statusCode() / 100 != 2) {
            throw failure("PUT " + path + " on " + repo, put);
        }
    }

    private void commitToHub(String datasetId, Map<String, String> files) {
        String base = hub.endpoint();
        boolean changed = false;
        for (var f : files.entrySet()) {
            HttpResponse<String> current = send(HttpRequest.newBuilder(URI.create(base + "/datasets/" + datasetId
                    + "/resolve/main/" + f.getKey())).timeout(TIMEOUT).header("Authorization", "Bearer " + hub.token())
                    .GET().build());
            changed |= current.statusCode() != 200 || !current.body().equals(f.getValue());
        }
        if (!changed) {
            return;
        }
        // One JSON object per line. Each line is built as an ObjectNode first: handed to append()
        // directly, ObjectNode.set's generic result was inferred as a CharSequence and failed at run time.
        StringBuilder ndjson = new StringBuilder();
        ObjectNode header = json.createObjectNode().put("key", "header");
        header.putObject("value").put("summary", "evalbot: update the leaderboard").put("description", "");
        ndjson.append(header).append('\n');
        for (var f : files.entrySet()) {
            ObjectNode file = json.createObjectNode().put("key", "file");
            file.putObject("value").put("path", f.getKey()).put("encoding", "base64")
                    .put("content", Base64.getEncoder().encodeToString(f.getValue().getBytes(StandardCharsets.UTF_8)));
            ndjson.append(file).append('\n');
        }
        HttpResponse<String> commit = send(HttpRequest.newBuilder(URI.create(base + "/api/datasets/" + datasetId
                + "/commit/" + URLEncoder.encode("main", StandardCharsets.UTF_8))).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + hub.token()).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build());
        if (commit.statusCode() / 100 != 2) {
            throw failure("commit to " + datasetId + " on the Hub", commit);
        }
    }

    private void post(URI url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json");
        if (webhookSecret != null) {
            request.header(SIGNATURE_HEADER, sign(body));
        }
        HttpResponse<String> response = send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw failure("POST " + url.getHost(), response);
        }
    }

    /** {@code sha256=} + hex HMAC-SHA256 of the body, as GitHub signs its webhooks. */
    String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformException("cannot reach " + request.uri().getHost() + ": " + e.getMessage(), 0, true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", 0, true, null, e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new PlatformException("unreadable answer", 0, true, null, e);
        }
    }

    private static PlatformException failure(String what, HttpResponse<String> response) {
        return new PlatformException(what + " answered HTTP " + response.statusCode(), response.statusCode(),
                true, null, null);
    }

    private static void requireNonNull(Object o, String what) {
        if (o == null) {
            throw new PlatformException("publishing needs " + what, 0, false, null, null);
        }
    }
}
