package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a Hub webhook payload (version 3) that routing and reviewing need, read once.
 * An unknown sub-scope is read as an update of its nearest known parent scope, as the Hub's
 * documentation advises ({@code discussion.foo} acts as a {@code discussion} update).
 *
 * @param repoType {@code model}, {@code dataset} or {@code space}
 * @param number the discussion number, or 0 when the event has no discussion
 * @param baseRef the PR's target ref ({@code discussion.changes.base}), or null
 */
record HubEvent(String scope, String action, String repoType, String repo, int number, String status,
        boolean isPullRequest, String authorId, String baseRef, String commentId, String commentAuthorId,
        String commentContent, boolean commentHidden, List<UpdatedRef> updatedRefs) {
    static final Set<String> KNOWN_SCOPES = Set.of("repo", "repo.content", "repo.config", "discussion",
            "discussion.comment");

    public HubEvent {
        updatedRefs = List.copyOf(updatedRefs);
    }

    /** One entry of {@code updatedRefs}: {@code newSha} is null when the ref was deleted. */
    public record UpdatedRef(String ref, String oldSha, String newSha) {
        private static final Pattern PR_REF = Pattern.compile("refs/pr/([1-9][0-9]{0,8})");

        /** The pull request number when this is {@code refs/pr/N}. */
        public OptionalInt pullRequest() {
            Matcher m = PR_REF.matcher(ref == null ? "" : ref);
            return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }
    }

    public static HubEvent parse(JsonNode root) {
        JsonNode event = root.path("event");
        String scope = text(event.path("scope"));
        String action = text(event.path("action"));
        if (scope != null && !KNOWN_SCOPES.contains(scope)) {
            String parent = scope;
            while (!KNOWN_SCOPES.contains(parent) && parent.contains(".")) {
                parent = parent.substring(0, parent.lastIndexOf('.'));
            }
            if (KNOWN_SCOPES.contains(parent)) {
                scope = parent;
                action = "update";
            }
        }
        JsonNode repo = root.path("repo");
        JsonNode discussion = root.path("discussion");
        JsonNode comment = root.path("comment");
        List<UpdatedRef> refs = new ArrayList<>();
        for (JsonNode r : root.path("updatedRefs")) {
            refs.add(new UpdatedRef(text(r.path("ref")), text(r.path("oldSha")), text(r.path("newSha"))));
        }
        return new HubEvent(scope, action, text(repo.path("type")), text(repo.path("name")),
                discussion.path("num").asInt(0), text(discussion.path("status")),
                discussion.path("isPullRequest").asBoolean(false), text(discussion.path("author").path("id")),
                text(discussion.path("changes").path("base")), text(comment.path("id")),
                text(comment.path("author").path("id")), text(comment.path("content")),
                comment.path("hidden").asBoolean(false), refs);
    }

    /** The inbox subject of pull request {@code number} of this repository: {@code hub:owner/name#N}. */
    public String subject(int number) {
        return "hub:" + repo + "#" + number;
    }

    /** Whether evalbot reviews this kind of repository (models' results, datasets' benchmarks). */
    public boolean reviewable() {
        return repo != null && repo.contains("/") && ("model".equals(repoType) || "dataset".equals(repoType));
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }
}
