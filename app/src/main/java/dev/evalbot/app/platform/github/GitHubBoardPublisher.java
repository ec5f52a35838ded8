package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.LeaderboardMarkdown;
import dev.evalbot.app.board.PublishHttp;
import dev.evalbot.app.board.PublishTargets;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.rules.board.Leaderboard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Commits a refreshed leaderboard's {@code leaderboard.json} and {@code LEADERBOARD.md} to the
 * {@code publish.github} repository of its benchmark (default branch), each file only when its
 * content differs from what is there. Built only when GitHub is live: the publish plan leaves out
 * GitHub targets otherwise.
 */
final class GitHubBoardPublisher implements BoardPublisher {
    private final PublishTargets targets;
    private final PublishHttp http;
    private final GitHubSettings github;
    private final GitHubAuth auth;
    private final ObjectMapper json = new ObjectMapper();
    private final LeaderboardMarkdown markdown = new LeaderboardMarkdown();

    public GitHubBoardPublisher(PublishTargets targets, PublishHttp http, GitHubSettings github, GitHubAuth auth) {
        this.targets = targets;
        this.http = http;
        this.github = github;
        this.auth = auth;
    }

    @Override
    public void publish(Leaderboard board, String boardJson) {
        targets.of(board.benchmarkId()).map(PublishTargets.Target::githubRepo).ifPresent(repo -> {
            commit(repo, "leaderboard.json", boardJson);
            commit(repo, "LEADERBOARD.md", markdown.render(board));
        });
    }

    private void commit(String repo, String path, String content) {
        URI url = URI.create(github.apiUrl() + "/repos/" + repo + "/contents/" + path);
        HttpResponse<String> current = http.send(http.request(url)
                .header("Authorization", auth.authorizationForRepo(repo))
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
            throw PublishHttp.failure("GET " + path + " on " + repo, current);
        }
        var body = json.createObjectNode().put("message", "evalbot: update " + path)
                .put("content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
        if (sha != null) {
            body.put("sha", sha);
        }
        HttpResponse<String> put = http.send(http.request(url)
                .header("Authorization", auth.authorizationForRepo(repo))
                .header("Accept", "application/vnd.github+json").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
        if (put.statusCode() / 100 != 2) {
            throw PublishHttp.failure("PUT " + path + " on " + repo, put);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new PlatformException("unreadable answer", 0, true, null, e);
        }
    }
}
