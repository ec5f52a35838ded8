package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** The fields of a GitHub webhook payload that routing and reviewing need, read once. */
public record GitHubEvent(String event, String action, String repo, int number, String headSha, String baseSha,
        String baseRef, String author, Set<String> labels, Long installationId, String senderLogin,
        boolean senderIsBot, boolean merged, boolean isPullRequest, boolean baseChanged) {

    public static GitHubEvent parse(String event, JsonNode root) {
        JsonNode pr = root.path("pull_request");
        JsonNode issue = root.path("issue");
        JsonNode subject = pr.isObject() ? pr : issue;
        Set<String> labels = new LinkedHashSet<>();
        for (JsonNode l : subject.path("labels")) {
            labels.add(l.path("name").asText());
        }
        JsonNode installation = root.path("installation").path("id");
        JsonNode sender = root.path("sender");
        return new GitHubEvent(event, text(root.path("action")), text(root.path("repository").path("full_name")),
                root.path("number").asInt(subject.path("number").asInt(0)),
                text(pr.path("head").path("sha")), text(pr.path("base").path("sha")), text(pr.path("base").path("ref")),
                text(subject.path("user").path("login")), labels,
                installation.canConvertToLong() ? installation.asLong() : null,
                text(sender.path("login")), "Bot".equals(sender.path("type").asText()),
                pr.path("merged").asBoolean(false),
                pr.isObject() || issue.path("pull_request").isObject(),
                root.path("changes").path("base").isObject());
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }

    public String subject() {
        return "github:" + repo + "#" + number;
    }
}
