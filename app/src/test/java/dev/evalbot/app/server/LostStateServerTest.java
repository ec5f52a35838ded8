package dev.evalbot.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.EvalbotApp;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.platform.github.FakeGitHub;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store loses everything between two pushes of one pull request (a deleted, restored or new
 * database): the second review finds evalbot's own comment on GitHub and edits it, instead of
 * posting a second one.
 */
class LostStateServerTest {
    static final String REPO = "org/lost";

    @TempDir
    Path tmp;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeletedDatabaseStillEndsWithOneCommentEdited() throws Exception {
        try (FakeGitHub github = new FakeGitHub(REPO, 1)) {
            String path = ".eval_results/r.yaml";
            github.pullFiles(REPO, 1, FakeGitHub.files(path, Webhooks.INVALID));
            github.filesAt(REPO, Webhooks.sha(1, 1), FakeGitHub.files(path, Webhooks.VALID));
            Map<String, String> env = GitHubServerTest.env(tmp, github.url());

            github.push(REPO, 1, Webhooks.sha(1, 0));
            try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
                assertEquals(202, Webhooks.post(http, app.port(), "pull_request", "d-0",
                        Webhooks.pullRequest("opened", REPO, 1, Webhooks.sha(1, 0))).statusCode());
                Eventually.await("the first head reviewed", () -> !finalStates(github, 0).isEmpty());
            }
            try (var files = Files.list(tmp)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("evalbot.db")).toList()) {
                    Files.delete(p);
                }
            }

            github.push(REPO, 1, Webhooks.sha(1, 1));
            try (EvalbotApp app = EvalbotApp.start(env, Clock.systemUTC())) {
                assertEquals(202, Webhooks.post(http, app.port(), "pull_request", "d-1",
                        Webhooks.pullRequest("synchronize", REPO, 1, Webhooks.sha(1, 1))).statusCode());
                Eventually.await("the second head reviewed", () -> !finalStates(github, 1).isEmpty());
            }
            assertEquals(List.of("failure"), finalStates(github, 0));
            assertEquals(List.of("success"), finalStates(github, 1));
            assertEquals(1, github.count("POST", "/repos/" + REPO + "/issues/1/comments"), "one comment");
            var edits = github.requests("PATCH", "/repos/" + REPO + "/issues/comments/" + FakeGitHub.commentId(1));
            assertEquals(1, edits.size(), "edited in place");
            assertTrue(edits.get(0).getBodyAsString().contains(Webhooks.sha(1, 1).substring(0, 7)),
                    edits.get(0).getBodyAsString());
        }
    }

    private static List<String> finalStates(FakeGitHub github, int head) {
        return github.requests("POST", "/repos/" + REPO + "/statuses/" + Webhooks.sha(1, head)).stream()
                .map(Webhooks::state).filter(s -> !s.equals("pending")).toList();
    }
}
