package dev.evalbot.app.platform.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A loopback Hugging Face Hub for tests: WireMock serving the calls evalbot makes for one
 * repository and one PR discussion. The bot's comment is stateful (a scenario), so "find my
 * comment after a crash" and "edit in place" behave as on the Hub.
 */
public final class FakeHub implements AutoCloseable {
    public static final String BOT_ID = "64f0000000000000000000b0";
    public static final String BOT_NAME = "evalbot";
    public static final String COMMENT_ID = "6650000000000000000000c1";
    public static final String HEAD = "575db8b7a51b6f85eb06eee540738584589f131c";
    private final WireMockServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final String type;
    private final String repo;
    private final int number;

    /** @param type {@code model} or {@code dataset} */
    public FakeHub(String type, String repo, int number) {
        this.type = type;
        this.repo = repo;
        this.number = number;
        this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        stubAccount();
        stubDiscussion();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    public String api() {
        return "/api/" + type + "s/" + repo;
    }

    public String web() {
        return (type.equals("model") ? "" : "/" + type + "s") + "/" + repo;
    }

    /** The files of the PR at any revision: path to content. */
    public void files(Map<String, String> files) {
        ArrayNode results = json.createArrayNode();
        ArrayNode root = json.createArrayNode();
        boolean resultsDir = false;
        for (Map.Entry<String, String> f : files.entrySet()) {
            String path = f.getKey();
            ObjectNode entry = json.createObjectNode().put("type", "file").put("oid", "0".repeat(40))
                    .put("size", f.getValue().length()).put("path", path);
            if (path.startsWith(".eval_results/")) {
                results.add(entry);
                resultsDir = true;
            } else if (!path.contains("/")) {
                root.add(entry);
            }
            server.stubFor(get(urlPathMatching(Pattern.quote(web() + "/resolve/") + "[^/]+/" + Pattern.quote(path)))
                    .atPriority(5).willReturn(aResponse().withStatus(200).withBody(f.getValue())));
        }
        if (resultsDir) {
            root.addObject().put("type", "directory").put("oid", "1".repeat(40)).put("size", 0).put("path", ".eval_results");
            server.stubFor(get(urlPathMatching(Pattern.quote(api() + "/tree/") + "[^/]+/\\.eval_results")).atPriority(5)
                    .willReturn(okJson(results.toString())));
        } else {
            server.stubFor(get(urlPathMatching(Pattern.quote(api() + "/tree/") + "[^/]+/\\.eval_results")).atPriority(5)
                    .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"Entry not found\"}")));
        }
        server.stubFor(get(urlPathMatching(Pattern.quote(api() + "/tree/") + "[^/]+")).atPriority(5)
                .willReturn(okJson(root.toString())));
    }

    private void stubAccount() {
        server.stubFor(get(urlPathEqualTo("/api/whoami-v2")).atPriority(5).willReturn(okJson(
                json.createObjectNode().put("type", "user").put("id", BOT_ID).put("name", BOT_NAME).toString())));
        push(HEAD);
    }

    /** {@code refs/pr/N} now points at {@code sha}, as after a push to the pull request. */
    public void push(String sha) {
        server.stubFor(get(urlPathMatching(Pattern.quote(api() + "/revision/") + ".+")).atPriority(5)
                .willReturn(okJson(json.createObjectNode().put("id", repo).put("sha", sha).toString())));
    }

    private void stubDiscussion() {
        stubDiscussion(number, "comment");
    }

    /** Serves pull request {@code n} too, with its own comment (scenario {@code comment-n}). */
    public void discussion(int n) {
        stubDiscussion(n, "comment-" + n);
    }

    /**
     * The open pull-request discussions the listing shows ({@code GET .../discussions?type=pull_request&status=open}),
     * 50 a page as on the Hub.
     */
    public void openPulls(int... numbers) {
        int pages = Math.max(1, (numbers.length + 49) / 50);
        for (int p = 0; p < pages; p++) {
            ObjectNode page = json.createObjectNode().put("count", numbers.length).put("start", p * 50)
                    .put("numItems", 50);
            ArrayNode list = page.putArray("discussions");
            for (int i = p * 50; i < Math.min(numbers.length, (p + 1) * 50); i++) {
                ObjectNode d = list.addObject().put("num", numbers[i]).put("title", "Add results").put("status", "open")
                        .put("isPullRequest", true).put("createdAt", "2026-11-20T10:00:00.000Z");
                d.putObject("author").put("name", "contributor");
                d.putObject("repo").put("name", repo).put("type", type);
            }
            server.stubFor(get(urlPathEqualTo(api() + "/discussions")).withQueryParam("p", WireMock.equalTo("" + p))
                    .atPriority(5).willReturn(okJson(page.toString())));
        }
    }

    private void stubDiscussion(int number, String scenarioName) {
        String discussion = api() + "/discussions/" + number;
        ObjectNode opening = event("6650000000000000000000a0", "comment", "contributor", "c0ffee000000000000000001",
                "Adds results. /evalbot is mentioned by a human here");
        ObjectNode mine = event(COMMENT_ID, "comment", BOT_NAME, BOT_ID, "<!-- evalbot:review -->\nreview");
        server.stubFor(get(urlPathEqualTo(discussion)).inScenario(scenarioName).whenScenarioStateIs(Scenario.STARTED)
                .atPriority(5).willReturn(okJson(details(number, opening).toString())));
        server.stubFor(get(urlPathEqualTo(discussion)).inScenario(scenarioName).whenScenarioStateIs("posted")
                .atPriority(5).willReturn(okJson(details(number, opening, mine).toString())));
        server.stubFor(post(urlPathEqualTo(discussion + "/comment")).inScenario(scenarioName).atPriority(5)
                .willSetStateTo("posted").willReturn(okJson(json.createObjectNode().set("newMessage", mine).toString())));
        server.stubFor(post(urlPathEqualTo(discussion + "/comment/" + COMMENT_ID + "/edit")).atPriority(5)
                .willReturn(okJson(json.createObjectNode().set("updatedComment", mine).toString())));
        server.stubFor(post(urlPathEqualTo(discussion + "/status")).atPriority(5)
                .willReturn(okJson("{\"newStatus\":{\"id\":\"x\",\"type\":\"status-change\",\"data\":{\"status\":\"closed\"}}}")));
    }

    private ObjectNode details(ObjectNode... events) {
        return details(number, events);
    }

    private ObjectNode details(int number, ObjectNode... events) {
        ObjectNode d = json.createObjectNode().put("num", number).put("title", "Add results").put("status", "open")
                .put("isPullRequest", true);
        d.putObject("changes").put("base", "refs/heads/main");
        ArrayNode list = d.putArray("events");
        for (ObjectNode e : events) {
            list.add(e);
        }
        return d;
    }

    private ObjectNode event(String id, String type, String author, String authorId, String raw) {
        ObjectNode e = json.createObjectNode().put("id", id).put("type", type).put("createdAt", "2026-11-20T10:00:00.000Z");
        e.putObject("author").put("_id", authorId).put("name", author).put("type", "user");
        ObjectNode data = e.putObject("data").put("edited", false).put("hidden", false);
        data.putObject("latest").put("raw", raw);
        return e;
    }

    /** The discussion as it stands after {@code author} wrote a comment {@code id} (and evalbot its review). */
    public void commentBy(String id, String author, String authorId, String raw) {
        ObjectNode opening = event("6650000000000000000000a0", "comment", "contributor", "c0ffee000000000000000001",
                "Adds results.");
        ObjectNode mine = event(COMMENT_ID, "comment", BOT_NAME, BOT_ID, "<!-- evalbot:review -->\nreview");
        server.stubFor(get(urlPathEqualTo(api() + "/discussions/" + number)).atPriority(4)
                .willReturn(okJson(details(opening, mine, event(id, "comment", author, authorId, raw)).toString())));
    }

    /** The members listing of {@code org}: user name to role. */
    public void members(String org, Map<String, String> roles) {
        ArrayNode list = json.createArrayNode();
        roles.forEach((user, role) -> list.addObject().put("user", user).put("type", "user").put("role", role));
        server.stubFor(get(urlPathEqualTo("/api/organizations/" + org + "/members")).atPriority(5)
                .willReturn(okJson(list.toString())));
    }

    /** The next {@code times} requests of any kind fail with {@code status} and {@code headers}. */
    public void failNext(int times, int status, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"fault injected\"}");
        headers.forEach(response::withHeader);
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = i == times - 1 ? "healthy" : "fault-" + (i + 1);
            server.stubFor(any(anyUrl()).inScenario("faults").whenScenarioStateIs(state).atPriority(1)
                    .willSetStateTo(next).willReturn(response));
            state = next;
        }
        server.setScenarioState("faults", Scenario.STARTED); // injectable again after an earlier fault
    }

    public List<LoggedRequest> requests(String method, String pathRegex) {
        return server.findAll(new RequestPatternBuilder(RequestMethod.fromString(method), WireMock.urlPathMatching(pathRegex)));
    }

    public int count(String method, String pathRegex) {
        return requests(method, pathRegex).size();
    }

    public static Map<String, String> files(String... pathAndContent) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndContent.length; i += 2) {
            m.put(pathAndContent[i], pathAndContent[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        server.stop();
    }
}
