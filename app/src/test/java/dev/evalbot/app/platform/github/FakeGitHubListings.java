package dev.evalbot.app.platform.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The listings the reconciler reads, on a {@link FakeGitHub}: the App's installations, an
 * installation's repositories and each repository's open pull requests, with ETags as on GitHub
 * (a request naming the current ETag is answered 304, and carries no rate-limit cost). Every
 * answer carries {@code X-RateLimit-*} headers with a steady remaining count.
 */
public final class FakeGitHubListings {
    public static final long INSTALLATION = 77;
    private final FakeGitHub github;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<UUID> stubs = new HashSet<>();
    private final List<String> repositories = new ArrayList<>();
    private final Map<String, Map<Integer, String>> open = new LinkedHashMap<>();

    public FakeGitHubListings(FakeGitHub github) {
        this.github = github;
        serve("/app/installations", json.createArrayNode().add(json.createObjectNode().put("id", INSTALLATION))
                .toString());
        installationRepositories();
    }

    /** The installation now holds {@code repo} too. */
    public synchronized void install(String repo) {
        repositories.add(repo);
        open.putIfAbsent(repo, new LinkedHashMap<>());
        installationRepositories();
        pulls(repo);
    }

    /** Pull request {@code n} of {@code repo} is open at {@code head} (as listed; {@link FakeGitHub#push} serves it). */
    public synchronized void open(String repo, int n, String head) {
        open.computeIfAbsent(repo, r -> new LinkedHashMap<>()).put(n, head);
        pulls(repo);
    }

    private void installationRepositories() {
        ObjectNode body = json.createObjectNode().put("total_count", repositories.size());
        ArrayNode list = body.putArray("repositories");
        repositories.forEach(r -> list.addObject().put("full_name", r).put("archived", false));
        serve("/installation/repositories", body.toString());
    }

    private void pulls(String repo) {
        ArrayNode list = json.createArrayNode();
        open.get(repo).forEach((n, head) -> {
            ObjectNode pr = list.addObject().put("number", n).put("state", "open");
            pr.putObject("head").put("sha", head).put("ref", "pr-" + n);
            pr.putObject("base").put("sha", FakeGitHub.BASE).put("ref", "master");
            pr.putObject("user").put("login", "contributor").put("type", "User");
            pr.putArray("labels");
        });
        serve("/repos/" + repo + "/pulls", list.toString());
    }

    /** {@code path} answers {@code body} with its ETag, and 304 to a request naming that ETag. */
    private void serve(String path, String body) {
        String etag = "\"" + UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8)) + "\"";
        stub(get(urlPathEqualTo(path)).atPriority(3).withId(id(path, "304"))
                .withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)
                        .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4900")
                        .withHeader("X-RateLimit-Reset", Long.toString(java.time.Instant.now().getEpochSecond() + 3600))));
        stub(get(urlPathEqualTo(path)).atPriority(4).withId(id(path, "200"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("ETag", etag).withHeader("X-RateLimit-Limit", "5000")
                        .withHeader("X-RateLimit-Remaining", "4900")
                        .withHeader("X-RateLimit-Reset", Long.toString(java.time.Instant.now().getEpochSecond() + 3600))
                        .withBody(body)));
    }

    private synchronized void stub(MappingBuilder stub) {
        UUID id = stub.build().getId();
        if (stubs.add(id)) {
            github.server().stubFor(stub);
        } else {
            github.server().editStub(stub);
        }
    }

    private static UUID id(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The listing requests served so far, oldest first: path, whether it was conditional, and the status answered. */
    public record Served(String path, boolean conditional, int status) {}

    public List<Served> served() {
        List<Served> out = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(github.server().getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        for (ServeEvent e : events) {
            String path = e.getRequest().getUrl().replaceAll("\\?.*", "");
            if (path.equals("/app/installations") || path.equals("/installation/repositories")
                    || path.matches("/repos/[^/]+/[^/]+/pulls")) {
                out.add(new Served(path, e.getRequest().containsHeader("If-None-Match"), e.getResponse().getStatus()));
            }
        }
        return out;
    }

}
