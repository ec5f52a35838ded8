package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The open pull-request discussions of a Hub repository and the head of each, for the reconciler.
 * Sent through the same HTTP client, endpoint, token and failure handling as the review's calls
 * ({@link HubHttp}). The Hub sends no ETags on these listings: every sweep costs one request per
 * page of 50 discussions, and one per open pull request for its head.
 */
final class HubDiscussions {
    /** One open pull request: its number and the sha {@code refs/pr/N} points at (null when the ref is gone). */
    public record OpenPull(int number, String headSha) {}

    /** Most pages read per repository: 50 discussions a page. */
    static final int MAX_PAGES = 40;

    private final HubHttp http;

    public HubDiscussions(HubSettings settings, HttpClient http, MeterRegistry meters, Clock clock) {
        this.http = new HubHttp(settings, http, meters, clock, new ObjectMapper());
    }

    /**
     * The open pull requests of {@code repo}; empty when the repository is not found (deleted,
     * private to the bot, or of the other type).
     *
     * @param repoType {@code model} or {@code dataset}
     * @param requests counts every request sent, for the reconciler's budget
     */
    public Optional<List<OpenPull>> openPulls(String repoType, String repo, Runnable requests) {
        List<Integer> numbers = new ArrayList<>();
        String base = http.url(HubPaths.api(repoType, repo) + "/discussions?type=pull_request&status=open&p=");
        for (int page = 0; page < MAX_PAGES; page++) {
            requests.run();
            Optional<JsonNode> body = http.getJson("discussions", base + page);
            if (body.isEmpty()) {
                return page == 0 ? Optional.empty() : Optional.of(heads(repoType, repo, numbers, requests));
            }
            JsonNode discussions = body.get().path("discussions");
            for (JsonNode d : discussions) {
                if (d.path("isPullRequest").asBoolean(false) && "open".equals(d.path("status").asText())
                        && d.path("num").asInt(0) > 0) {
                    numbers.add(d.path("num").asInt());
                }
            }
            int start = body.get().path("start").asInt(0);
            if (discussions.size() == 0 || start + discussions.size() >= body.get().path("count").asInt(0)) {
                break;
            }
        }
        return Optional.of(heads(repoType, repo, numbers, requests));
    }

    private List<OpenPull> heads(String repoType, String repo, List<Integer> numbers, Runnable requests) {
        List<OpenPull> out = new ArrayList<>();
        for (int n : numbers) {
            requests.run();
            String url = http.url(HubPaths.api(repoType, repo) + "/revision/" + HubPaths.rev(HubPaths.prRef(n))
                    + "?expand=sha");
            out.add(new OpenPull(n, http.getJson("revision", url).map(r -> r.path("sha").asText(null)).orElse(null)));
        }
        return out;
    }
}
