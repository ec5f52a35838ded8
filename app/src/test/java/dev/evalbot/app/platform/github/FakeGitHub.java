package dev.evalbot.app.platform.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.evalbot.app.review.OwnedLabels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback GitHub for tests: WireMock serving the REST and GraphQL calls evalbot makes for one
 * repository and pull request. The bot's comment is stateful (a scenario), so "find my comment
 * after a crash" and "edit in place" behave as on GitHub.
 */
public final class FakeGitHub implements AutoCloseable {
    public static final String COMMENT_ID = "4242";
    public static final long CHECK_RUN_ID = 9001;
    /** The head of every pull request until a test pushes another: the shipped payloads' head. */
    public static final String DEFAULT_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    /** The base of every pull request until a test pushes another. */
    public static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
    private final WireMockServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final String repo;
    private final int number;

    /** A fake for pull requests {@code numbers} of {@code repo}; the first is the default for helpers. */
    public FakeGitHub(String repo, int... numbers) {
        this(List.of(), repo, numbers);
    }

    /**
     * The same, with WireMock extensions installed, e.g. a {@link FaultInjector} that turns some
     * replies into failures after the stub matched (so a comment may be "created" although the
     * client was told 500, as behind a failing gateway).
     */
    public FakeGitHub(List<Extension> extensions, String repo, int... numbers) {
        this.repo = repo;
        this.number = numbers[0];
        this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(16).jettyAcceptors(1).extensions(extensions.toArray(Extension[]::new)));
        server.start();
        addRepository(repo, numbers);
    }

    /** Serves pull requests {@code numbers} of another repository too (comments, labels, statuses). */
    public void addRepository(String repo, int... numbers) {
        for (int n : numbers) {
            stubWrites(repo, n);
        }
        server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/labels")).atPriority(5).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo("/repos/" + repo + "/labels")).atPriority(5)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"name\":\"x\",\"color\":\"ededed\"}")));
        // As on GitHub, a label is created once: creating it again is a 422 "already_exists" (another
        // replica created it meanwhile, or a create succeeded although its reply was lost).
        for (OwnedLabels.Definition d : OwnedLabels.DEFINITIONS) {
            String scenario = "label-" + repo + "-" + d.name();
            ObjectNode label = json.createObjectNode().put("name", d.name()).put("color", d.color());
            server.stubFor(post(urlPathEqualTo("/repos/" + repo + "/labels")).atPriority(4).inScenario(scenario)
                    .whenScenarioStateIs(Scenario.STARTED).withRequestBody(matchingJsonPath("$.name", equalTo(d.name())))
                    .willSetStateTo("exists").willReturn(aResponse().withStatus(201)
                            .withHeader("Content-Type", "application/json").withBody(label.toString())));
            server.stubFor(post(urlPathEqualTo("/repos/" + repo + "/labels")).atPriority(4).inScenario(scenario)
                    .whenScenarioStateIs("exists").withRequestBody(matchingJsonPath("$.name", equalTo(d.name())))
                    .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                            .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Label\","
                                    + "\"code\":\"already_exists\",\"field\":\"name\"}],"
                                    + "\"documentation_url\":\"https://docs.github.com/rest/issues/labels#create-a-label\"}")));
        }
        server.stubFor(post(urlPathEqualTo("/repos/" + repo + "/check-runs")).atPriority(5)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":" + CHECK_RUN_ID + ",\"name\":\"evalbot\"}")));
        server.stubFor(patch(urlPathEqualTo("/repos/" + repo + "/check-runs/" + CHECK_RUN_ID)).atPriority(5)
                .willReturn(okJson("{\"id\":" + CHECK_RUN_ID + ",\"name\":\"evalbot\"}")));
        server.stubFor(post(urlPathMatching("/app/installations/[0-9]+/access_tokens")).atPriority(5)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\":\"ghs_installation\",\"expires_at\":\""
                                + java.time.Instant.now().plusSeconds(3600) + "\"}")));
        server.stubFor(post(urlPathMatching("/repos/" + repo + "/statuses/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"state\":\"success\",\"context\":\"evalbot/review\"}")));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    /** The repository already has evalbot's labels: listing them shows them all, nothing is created. */
    public void labelsExist(String repo) {
        ArrayNode labels = json.createArrayNode();
        long id = 1;
        for (OwnedLabels.Definition d : OwnedLabels.DEFINITIONS) {
            labels.addObject().put("id", id++).put("name", d.name()).put("color", d.color())
                    .put("description", d.description());
        }
        server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/labels")).atPriority(4)
                .willReturn(okJson(labels.toString())));
    }

    /** The files of the pull request at its head: path to content. */
    public void files(Map<String, String> files) {
        files(number, files);
    }

    /** The files of pull request {@code n}; GraphQL answers the same files for every pull request. */
    public void files(int n, Map<String, String> files) {
        server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/pulls/" + n + "/files")).atPriority(5)
                .willReturn(okJson(listing(files))));
        server.stubFor(post(urlPathEqualTo("/graphql")).atPriority(5).willReturn(okJson(graphQl(files))));
    }

    /**
     * The files of pull request {@code n} of {@code repo}, with a GraphQL answer of their own: it
     * answers only a query for that repository naming the first path, so pull requests with
     * distinct paths can hold different content at once.
     */
    public void pullFiles(String repo, int n, Map<String, String> files) {
        server.stubFor(get(urlPathEqualTo("/repos/" + repo + "/pulls/" + n + "/files")).atPriority(5)
                .willReturn(okJson(listing(files))));
        String name = repo.substring(repo.indexOf('/') + 1);
        server.stubFor(post(urlPathEqualTo("/graphql")).atPriority(4)
                .withRequestBody(matchingJsonPath("$.variables.name", equalTo(name)))
                .withRequestBody(containing(":" + files.keySet().iterator().next() + "\""))
                .willReturn(okJson(graphQl(files))));
    }

    /**
     * What the files of {@code repo} hold at commit {@code sha}: GraphQL answers a query naming
     * {@code sha:path} of the first path with these, whatever else is stubbed.
     */
    public void filesAt(String repo, String sha, Map<String, String> files) {
        String name = repo.substring(repo.indexOf('/') + 1);
        server.stubFor(post(urlPathEqualTo("/graphql")).atPriority(3)
                .withRequestBody(matchingJsonPath("$.variables.name", equalTo(name)))
                .withRequestBody(containing("\"" + sha + ":" + files.keySet().iterator().next() + "\""))
                .willReturn(okJson(graphQl(files))));
    }

    private String listing(Map<String, String> files) {
        ArrayNode list = json.createArrayNode();
        for (String path : files.keySet()) {
            list.addObject().put("filename", path).put("status", "added").put("sha", "0".repeat(40));
        }
        return list.toString();
    }

    private String graphQl(Map<String, String> files) {
        ObjectNode repository = json.createObjectNode();
        int i = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            repository.putObject("f" + i++).put("byteSize", f.getValue().length()).put("isBinary", false)
                    .put("isTruncated", false).put("text", f.getValue());
        }
        ObjectNode data = json.createObjectNode();
        data.putObject("data").set("repository", repository);
        return data.toString();
    }

    /** The id of the bot's comment on pull request {@code n}. */
    public static String commentId(int n) {
        return n == 2 ? COMMENT_ID : Integer.toString(100_000 + n);
    }

    /**
     * Pull request {@code n} of {@code repo} now has head {@code sha}, as after a push: {@code GET
     * /repos/{repo}/pulls/{n}} answers it, with an ETag, and 304 to a request that sends that ETag.
     * Its {@code comments} count follows the bot's comment (0 before it is posted, 1 after).
     */
    public void push(String repo, int n, String sha) {
        push(repo, n, sha, BASE);
    }

    /** The same with the base at {@code baseSha} (the base branch moved, or the pull request's base was changed). */
    public void push(String repo, int n, String sha, String baseSha) {
        String path = "/repos/" + repo + "/pulls/" + n;
        String scenario = "comment-" + repo + "#" + n;
        for (String state : List.of(Scenario.STARTED, "posted")) {
            int comments = state.equals("posted") ? 1 : 0;
            String etag = "\"" + sha + "-" + comments + "\"";
            ObjectNode pull = json.createObjectNode().put("number", n).put("state", "open").put("comments", comments);
            pull.putObject("head").put("sha", sha).put("ref", "pr-" + n);
            pull.putObject("base").put("sha", baseSha).put("ref", "master");
            pull.putArray("labels");
            // Fixed ids: a push replaces the answers of the head before (its ETag no longer gets a 304).
            stubOrEdit(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state).atPriority(4)
                    .withId(stubId(path, state, "304"))
                    .withHeader("If-None-Match", equalTo(etag)).willReturn(aResponse().withStatus(304)
                            .withHeader("ETag", etag)));
            stubOrEdit(get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(state).atPriority(5)
                    .withId(stubId(path, state, "200"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withHeader("ETag", etag).withBody(pull.toString())));
        }
    }

    /**
     * Someone deleted the bot's comment on pull request {@code n}: the comments list is empty again,
     * the pull request counts no comment (a new ETag), and the next comment posted is the bot's.
     */
    public void deleteComment(String repo, int n) {
        server.setScenarioState("comment-" + repo + "#" + n, Scenario.STARTED);
    }

    private final java.util.Set<java.util.UUID> stubIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A stub with a fixed id: added the first time, replaced after. */
    private synchronized void stubOrEdit(com.github.tomakehurst.wiremock.client.MappingBuilder stub) {
        java.util.UUID id = stub.build().getId();
        if (stubIds.add(id)) {
            server.stubFor(stub);
        } else {
            server.editStub(stub);
        }
    }

    private static java.util.UUID stubId(String... parts) {
        return java.util.UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void stubWrites(String repo, int n) {
        push(repo, n, DEFAULT_HEAD);
        String issue = "/repos/" + repo + "/issues/" + n;
        String scenario = "comment-" + repo + "#" + n;
        ObjectNode comment = json.createObjectNode().put("id", Long.parseLong(commentId(n))).put("body", "<!-- evalbot:review -->");
        comment.putObject("user").put("login", "evalbot[bot]").put("type", "Bot");
        server.stubFor(get(urlPathEqualTo(issue + "/comments")).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).atPriority(5).willReturn(okJson("[]")));
        server.stubFor(get(urlPathEqualTo(issue + "/comments")).inScenario(scenario)
                .whenScenarioStateIs("posted").atPriority(5).willReturn(okJson("[" + comment + "]")));
        server.stubFor(post(urlPathEqualTo(issue + "/comments")).inScenario(scenario).atPriority(5)
                .willSetStateTo("posted").willReturn(aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json").withBody(comment.toString())));
        server.stubFor(patch(urlPathEqualTo("/repos/" + repo + "/issues/comments/" + commentId(n))).atPriority(5)
                .willReturn(okJson(comment.toString())));
        server.stubFor(post(urlPathEqualTo(issue + "/labels")).atPriority(5).willReturn(okJson("[]")));
        server.stubFor(delete(urlPathMatching(issue + "/labels/.*")).atPriority(5).willReturn(okJson("[]")));
    }

    /** The next {@code times} requests of any kind fail with {@code status} and {@code headers}. */
    public void failNext(int times, int status, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"fault injected\"}");
        headers.forEach(response::withHeader);
        String state = Scenario.STARTED;
        for (int i = 0; i < times; i++) {
            String next = i == times - 1 ? "healthy" : "fault-" + (i + 1);
            server.stubFor(any(anyUrl()).inScenario("faults").whenScenarioStateIs(state).atPriority(1)
                    .willSetStateTo(next).willReturn(response));
            state = next;
        }
    }

    public List<LoggedRequest> requests(String method, String pathRegex) {
        return server.findAll(new com.github.tomakehurst.wiremock.matching.RequestPatternBuilder(
                com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method), WireMock.urlPathMatching(pathRegex)));
    }

    /** evalbot's GitHub adapter pointed at this fake, with a plain token: the tests' usual set-up. */
    public GitHubPlatform platform() {
        GitHubSettings settings = new GitHubSettings("s3cret", "test-token", null, null, url(), "evalbot[bot]", null,
                BudgetSettings.DEFAULT);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build();
        return new GitHubPlatform(settings, new GitHubAuth(settings, http, Clock.systemUTC()), http,
                new SimpleMeterRegistry(), Clock.systemUTC());
    }

    public int count(String method, String pathRegex) {
        return requests(method, pathRegex).size();
    }

    public List<String> statuses() {
        return requests("POST", "/repos/" + repo + "/statuses/.*").stream().map(r -> {
            try {
                return json.readTree(r.getBodyAsString()).path("state").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    /** The conclusions check runs were given (created or updated), oldest first. */
    public List<String> conclusions() {
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> writes = new java.util.ArrayList<>(
                requests("POST", "/repos/" + repo + "/check-runs"));
        writes.addAll(requests("PATCH", "/repos/" + repo + "/check-runs/.*"));
        writes.sort(java.util.Comparator.comparing(com.github.tomakehurst.wiremock.verification.LoggedRequest::getLoggedDate));
        List<String> out = new java.util.ArrayList<>();
        for (var r : writes) {
            try {
                String conclusion = json.readTree(r.getBodyAsString()).path("conclusion").asText("");
                if (!conclusion.isEmpty()) {
                    out.add(conclusion);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** Labels added, in order. */
    public List<String> addedLabels() {
        return addedLabels(repo, number);
    }

    /** Labels added to pull request {@code n} of {@code repo}, one JSON body per request, in order. */
    public List<String> addedLabels(String repo, int n) {
        return requests("POST", "/repos/" + repo + "/issues/" + n + "/labels").stream()
                .map(LoggedRequest::getBodyAsString).toList();
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
