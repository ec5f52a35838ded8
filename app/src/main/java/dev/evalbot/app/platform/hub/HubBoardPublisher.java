package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.LeaderboardMarkdown;
import dev.evalbot.app.board.PublishHttp;
import dev.evalbot.app.board.PublishTargets;
import dev.evalbot.rules.board.Leaderboard;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Commits a refreshed leaderboard's {@code leaderboard.json} and {@code LEADERBOARD.md} to the
 * benchmark's own dataset repository on the Hub ({@code publish.hub: true}), in one commit and only
 * when a file differs from what is there. Built only when the Hub is live (so {@code HF_TOKEN} is
 * set): the publish plan leaves out Hub targets otherwise.
 */
public final class HubBoardPublisher implements BoardPublisher {
    private final PublishTargets targets;
    private final PublishHttp http;
    private final HubSettings hub;
    private final ObjectMapper json = new ObjectMapper();
    private final LeaderboardMarkdown markdown = new LeaderboardMarkdown();

    public HubBoardPublisher(PublishTargets targets, PublishHttp http, HubSettings hub) {
        this.targets = targets;
        this.http = http;
        this.hub = hub;
    }

    @Override
    public void publish(Leaderboard board, String boardJson) {
        if (targets.of(board.benchmarkId()).filter(PublishTargets.Target::hub).isPresent()) {
            commit(board.benchmarkId(), Map.of("leaderboard.json", boardJson, "LEADERBOARD.md", markdown.render(board)));
        }
    }

    private void commit(String datasetId, Map<String, String> files) {
        String base = hub.endpoint();
        boolean changed = false;
        for (var f : files.entrySet()) {
            HttpResponse<String> current = http.send(http.request(URI.create(base + "/datasets/" + datasetId
                    + "/resolve/main/" + f.getKey())).header("Authorization", "Bearer " + hub.token()).GET().build());
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
        HttpResponse<String> commit = http.send(http.request(URI.create(base + "/api/datasets/" + datasetId
                + "/commit/" + URLEncoder.encode("main", StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + hub.token()).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build());
        if (commit.statusCode() / 100 != 2) {
            throw PublishHttp.failure("commit to " + datasetId + " on the Hub", commit);
        }
    }
}
