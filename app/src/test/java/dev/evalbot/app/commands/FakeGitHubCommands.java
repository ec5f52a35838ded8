package dev.evalbot.app.commands;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evalbot.app.platform.github.FakeGitHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * What the command tests add to {@link FakeGitHub}: the pull request, collaborator permissions,
 * {@code .evalbot.yml}, reactions and closing, plus readers for what evalbot sent.
 */
final class FakeGitHubCommands {
    private final FakeGitHub github;
    private final String repo;
    private final ObjectMapper json = new ObjectMapper();

    FakeGitHubCommands(FakeGitHub github, String repo) throws Exception {
        this.github = github;
        this.repo = repo;
        JsonNode opened = json.readTree(Files.readString(Path.of("src/test/resources/github-webhooks/pull_request.opened.json")));
        var server = github.server();
        server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/pulls/2")).atPriority(5)
                .willReturn(okJson(opened.path("pull_request").toString())));
        server.stubFor(get(urlPathMatching("/repos/" + repo + "/collaborators/[^/]+/permission")).atPriority(9)
                .willReturn(okJson("{\"permission\":\"read\",\"role_name\":\"read\"}")));
        server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/contents/.evalbot.yml")).atPriority(9)
                .willReturn(notFound().withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Not Found\"}")));
        server.stubFor(post(urlPathMatching("/repos/" + repo + "/issues/comments/[0-9]+/reactions")).atPriority(5)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":1,\"content\":\"eyes\"}")));
        ObjectNode issue = json.createObjectNode().put("number", 2).put("state", "closed").put("title", "x");
        server.stubFor(patch(urlPathEqualTo("/repos/" + repo + "/issues/2")).atPriority(5)
                .willReturn(okJson(issue.toString())));
    }

    /** {@code login} has {@code permission} (GitHub reports maintain as write, with role_name maintain). */
    void permission(String login, String permission, String roleName) {
        github.server().stubFor(get(urlPathEqualTo("/repos/" + repo + "/collaborators/" + login + "/permission"))
                .atPriority(5).willReturn(okJson(json.createObjectNode().put("permission", permission)
                        .put("role_name", roleName).toString())));
    }

    void repoConfig(String yaml) {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        ObjectNode content = json.createObjectNode().put("type", "file").put("name", ".evalbot.yml")
                .put("path", ".evalbot.yml").put("size", bytes.length).put("encoding", "base64")
                .put("content", Base64.getMimeEncoder().encodeToString(bytes));
        github.server().stubFor(get(urlPathEqualTo("/repos/" + repo + "/contents/.evalbot.yml")).atPriority(5)
                .willReturn(okJson(content.toString())));
    }

    /** Reactions posted on comment {@code id}, in order. */
    List<String> reactions(long id) {
        return github.requests("POST", "/repos/" + repo + "/issues/comments/" + id + "/reactions").stream()
                .map(r -> field(r, "content")).toList();
    }

    /** Comments evalbot posted that are not its review comment. */
    List<String> replies() {
        return github.requests("POST", "/repos/" + repo + "/issues/2/comments").stream().map(r -> field(r, "body"))
                .filter(b -> !b.startsWith("<!-- evalbot:review -->")).toList();
    }

    /** The latest review comment body evalbot wrote (created or edited). */
    String reviewComment() {
        List<String> bodies = new java.util.ArrayList<>();
        github.requests("POST", "/repos/" + repo + "/issues/2/comments").stream().map(r -> field(r, "body"))
                .filter(b -> b.startsWith("<!-- evalbot:review -->")).forEach(bodies::add);
        github.requests("PATCH", "/repos/" + repo + "/issues/comments/" + FakeGitHub.COMMENT_ID).stream()
                .map(r -> field(r, "body")).forEach(bodies::add);
        return bodies.isEmpty() ? null : bodies.get(bodies.size() - 1);
    }

    int count(String method, String pathRegex) {
        return github.count(method, pathRegex);
    }

    private String field(LoggedRequest r, String name) {
        try {
            return json.readTree(r.getBodyAsString()).path(name).asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
