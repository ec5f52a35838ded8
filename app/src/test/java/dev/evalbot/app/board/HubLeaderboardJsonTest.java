package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.Eventually;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hub-shaped API over HTTP, held against the field names the official client
 * ({@code huggingface_hub} 2.0's {@code DatasetLeaderboardEntry}, {@code User}/{@code Organization},
 * {@code parse_eval_result_entries}, {@code hf_raise_for_status}) reads, for machines without the
 * client ({@link HubClientTest} drives the client itself); and how it is served: ETag, 304, CORS,
 * the base-model filter, errors.
 */
class HubLeaderboardJsonTest {
    /** What DatasetLeaderboardEntry.__init__ pops: required, then optional. */
    static final Set<String> ENTRY_REQUIRED = Set.of("rank", "modelId", "value", "filename", "verified", "author");
    static final Set<String> ENTRY_OPTIONAL = Set.of("source", "pullRequest", "notes");
    /** evalbot's own additions, kept by the client as attributes (its forward compatibility). */
    static final Set<String> ENTRY_EXTENSIONS = Set.of("platform", "tier", "logChecked");

    @TempDir
    Path tmp;
    HubApiFixture fixture;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        fixture = new HubApiFixture(tmp);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void leaderboardEntriesCarryTheClientsFieldNamesAndTypes() throws Exception {
        HttpResponse<String> r = fixture.get("/api/datasets/bench/multi/leaderboard?base_model=false");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode list = json.readTree(r.body());
        assertTrue(list.isArray());
        assertEquals(4, list.size(), r.body());
        for (JsonNode e : list) {
            Set<String> keys = keys(e);
            assertTrue(keys.containsAll(ENTRY_REQUIRED), e.toString());
            Set<String> extra = new java.util.HashSet<>(keys);
            extra.removeAll(ENTRY_REQUIRED);
            extra.removeAll(ENTRY_OPTIONAL);
            extra.removeAll(ENTRY_EXTENSIONS);
            assertEquals(Set.of(), extra, e.toString());
            assertTrue(e.get("rank").isInt() && e.get("rank").asInt() >= 1, e.toString());
            assertTrue(e.get("value").isNumber(), e.toString());
            assertTrue(e.get("verified").isBoolean(), e.toString());
            assertTrue(e.get("filename").asText().startsWith(".eval_results/"), e.toString());
            // author: {"name", "type"}; the client makes a User of any type but "org".
            assertEquals(Set.of("name", "type"), keys(e.get("author")));
            assertTrue(Set.of("user", "org").contains(e.at("/author/type").asText()));
            if (e.has("source")) {
                assertEquals(Set.of("url", "name", "isExternal"), keys(e.get("source")));
                assertTrue(e.at("/source/isExternal").isBoolean());
            }
            if (e.has("pullRequest")) {
                assertTrue(e.get("pullRequest").isInt());
            }
        }
        JsonNode gamma = list.get(3);
        assertEquals("lab/gamma", gamma.get("modelId").asText());
        assertTrue(gamma.get("verified").asBoolean(), "a verified report is verified");
        assertEquals("github", gamma.get("platform").asText());
        assertFalse(gamma.has("pullRequest"), "merged: on the main branch");
        assertEquals(7, list.get(2).get("pullRequest").asInt(), "lab/beta waits in its open pull request 7");
        assertTrue(r.body().contains("\\u003Cscript\\u003E"), "markup in notes is escaped in the JSON text");
    }

    @Test
    void modelEvalResultsCarryTheEntryInTheResultsFilesShape() throws Exception {
        for (String query : List.of("expand=evalResults", "expand%5B%5D=evalResults")) {
            HttpResponse<String> r = fixture.get("/api/models/lab/alpha?" + query);
            assertEquals(200, r.statusCode(), query);
            JsonNode info = json.readTree(r.body());
            assertEquals("lab/alpha", info.get("id").asText());
            JsonNode results = info.get("evalResults");
            assertEquals(4, results.size(), r.body());
            JsonNode first = results.get(0);
            assertEquals(Set.of("filename", "verified", "data", "platform", "tier", "logChecked"), keys(first));
            assertEquals(false, first.get("logChecked").asBoolean(true), "no cited log was checked in the fixture");
            JsonNode data = first.get("data");
            // parse_eval_result_entries reads data.dataset.{id, task_id, revision}, value, date, source.{url, name}, notes.
            assertEquals(HubApiFixture.MULTI, data.at("/dataset/id").asText());
            assertEquals("acc", data.at("/dataset/task_id").asText());
            assertEquals(HubApiFixture.SHA, data.at("/dataset/revision").asText());
            assertEquals(70.0, data.get("value").asDouble());
            assertEquals("2026-01-04T00:00:00Z", data.get("date").asText());
            assertEquals("https://huggingface.co/spaces/lab/evals", data.at("/source/url").asText());
            assertEquals("Eval logs", data.at("/source/name").asText());
            assertEquals("no tools", data.get("notes").asText());
            JsonNode other = results.get(1);
            assertEquals(3, other.get("pullRequest").asInt(), "the second acc report waits in pull request 3");
            assertEquals("with tools", other.at("/data/notes").asText());
            assertTrue(results.get(3).get("verified").asBoolean(), "t1 is verified");
            assertFalse(results.get(2).at("/data").has("source"), "err gave no source");
        }
        JsonNode plain = json.readTree(fixture.get("/api/models/lab/alpha").body());
        assertEquals("lab/alpha", plain.get("id").asText());
        assertFalse(plain.has("evalResults"), "only when asked for, as on the Hub");
        JsonNode github = json.readTree(fixture.get("/api/models/lab/gamma?expand=evalResults&platform=hub").body());
        assertTrue(github.has("error"), "lab/gamma lives on GitHub: " + github);
    }

    @Test
    void theBaseModelFilterFollowsTheClientsParameter() throws Exception {
        // The client sends Python's str(bool): True / False.
        assertEquals(List.of("lab/alpha", "lab/beta", "lab/gamma"), ids("/api/datasets/bench/multi/leaderboard"));
        assertEquals(ids("/api/datasets/bench/multi/leaderboard"), ids("/api/datasets/bench/multi/leaderboard?base_model=True"));
        assertEquals(List.of("lab/alpha-ft", "lab/alpha", "lab/beta", "lab/gamma"),
                ids("/api/datasets/bench/multi/leaderboard?base_model=False"));
        HttpResponse<String> bad = fixture.get("/api/datasets/bench/multi/leaderboard?base_model=maybe");
        assertEquals(400, bad.statusCode());
        assertEquals("base_model must be true or false, got 'maybe'", json.readTree(bad.body()).get("error").asText());
    }

    @Test
    void aChangedCardRefreshesTheBoardsItsModelIsOnAndChangesTheirLists() throws Exception {
        List<String> before = ids("/api/datasets/bench/single/leaderboard");
        assertTrue(before.contains("lab/beta"), before.toString());
        assertTrue(ids("/api/datasets/bench/multi/leaderboard").contains("lab/beta"));
        long refreshes = fixture.boards.refreshCount();
        // A review of one of lab/beta's pull requests reads its card, which now declares a base model.
        new BaseModelRecorder(fixture.cards, 1 << 20, fixture.hub::cardChanged).read(new PullRequestRef(PlatformId.HUB,
                "lab/beta", "model", 9, "sha9", null, null, null, Set.of(), null),
                "---\nbase_model: lab/alpha\n---\n".getBytes(StandardCharsets.UTF_8));
        // Every board lab/beta is on (three benchmarks) is refreshed, not only the pull request's.
        Eventually.await("three boards refreshed", () -> fixture.boards.refreshCount() >= refreshes + 3);
        assertEquals(List.of("lab/alpha", "lab/gamma"), ids("/api/datasets/bench/single/leaderboard"));
        assertEquals(List.of("lab/alpha", "lab/gamma"), ids("/api/datasets/bench/multi/leaderboard"));
        assertEquals(before.size(), ids("/api/datasets/bench/single/leaderboard?base_model=false").size());
    }

    @Test
    void aModelsResultsFollowItsBoardsAfterARefresh() throws Exception {
        assertEquals(404, fixture.get("/api/models/lab/epsilon?expand=evalResults").statusCode());
        String before = fixture.get("/api/models/lab/beta?expand=evalResults").body();
        fixture.results.replaceAll(new dev.evalbot.app.store.PullRef(dev.evalbot.app.event.PlatformId.HUB,
                "lab/epsilon", 0), "sha", dev.evalbot.rules.tier.PrState.MERGED, List.of(new dev.evalbot.app.store
                .ReviewedEntry(".eval_results/single.yaml", 1, 1, HubApiFixture.SINGLE, "t1", 4.0, null, null, null,
                        null, dev.evalbot.rules.tier.Tier.AUTHOR, null, null, false)));
        long refreshes = fixture.boards.refreshCount();
        fixture.boards.refreshNow(HubApiFixture.SINGLE);
        Eventually.await("the board refreshed", () -> fixture.boards.refreshCount() > refreshes);
        JsonNode epsilon = json.readTree(fixture.get("/api/models/lab/epsilon?expand=evalResults").body());
        assertEquals(4.0, epsilon.at("/evalResults/0/data/value").asDouble(), epsilon.toString());
        assertEquals(before, fixture.get("/api/models/lab/beta?expand=evalResults").body(), "beta's reports are the same");
    }

    @Test
    void taskIdPicksAnotherTaskAndTheDefaultIsTheFirstDeclaredOne() throws Exception {
        JsonNode err = json.readTree(fixture.get("/api/datasets/bench/multi/leaderboard?task_id=err").body());
        assertEquals(List.of(0.12, 0.12, 0.3), values(err), "lower is better");
        assertEquals("[]", fixture.get("/api/datasets/bench/first-empty/leaderboard").body(),
                "its first declared task has no report yet");
        assertEquals(1, json.readTree(fixture.get("/api/datasets/bench/first-empty/leaderboard?task_id=other").body())
                .size());
        HttpResponse<String> missing = fixture.get("/api/datasets/bench/multi/leaderboard?task_id=nope");
        assertEquals(404, missing.statusCode());
        assertEquals("benchmark bench/multi has no task 'nope'; its tasks: acc, err",
                json.readTree(missing.body()).get("error").asText());
        assertTrue(missing.headers().firstValue("X-Error-Code").isEmpty(), "the benchmark is there");
    }

    @Test
    void unknownBenchmarksAndModelsAre404WithTheHubsErrorShape() throws Exception {
        HttpResponse<String> benchmark = fixture.get("/api/datasets/nobody/nothing/leaderboard");
        assertEquals(404, benchmark.statusCode());
        assertEquals(Optional.of("RepoNotFound"), benchmark.headers().firstValue("X-Error-Code"));
        assertEquals("dataset nobody/nothing is not a benchmark evalbot knows",
                json.readTree(benchmark.body()).get("error").asText());
        assertEquals(Optional.of("*"), benchmark.headers().firstValue("Access-Control-Allow-Origin"));
        HttpResponse<String> model = fixture.get("/api/models/nobody/nothing?expand=evalResults");
        assertEquals(404, model.statusCode());
        assertEquals(Optional.of("RepoNotFound"), model.headers().firstValue("X-Error-Code"));
        assertEquals("evalbot holds no results for model nobody/nothing", json.readTree(model.body()).get("error")
                .asText());
        HttpResponse<String> withdrawn = fixture.get("/api/models/lab/delta?expand=evalResults");
        assertEquals(404, withdrawn.statusCode(), "its only report is withdrawn");
    }

    @Test
    void bothAnswersCarryAnETagThatAnswers304AndCorsForBrowsers() throws Exception {
        for (String path : List.of("/api/datasets/bench/multi/leaderboard", "/api/models/lab/alpha?expand=evalResults")) {
            HttpResponse<String> first = fixture.get(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
            assertEquals(Optional.of("*"), first.headers().firstValue("Access-Control-Allow-Origin"));
            assertEquals(Optional.of("ETag"), first.headers().firstValue("Access-Control-Expose-Headers"));
            assertEquals(Optional.of("no-cache"), first.headers().firstValue("Cache-Control"));
            assertEquals(Optional.of("nosniff"), first.headers().firstValue("X-Content-Type-Options"));
            HttpResponse<String> again = fixture.get(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body());
            assertEquals(Optional.of(etag), again.headers().firstValue("ETag"));
            assertEquals(200, fixture.get(path, "If-None-Match", "\"other\"").statusCode());
        }
        String unfiltered = fixture.get("/api/datasets/bench/multi/leaderboard?base_model=false").headers()
                .firstValue("ETag").orElseThrow();
        assertFalse(unfiltered.equals(fixture.get("/api/datasets/bench/multi/leaderboard").headers()
                .firstValue("ETag").orElseThrow()), "another list, another ETag");
    }

    @Test
    void onlyHttpsSourcesOnTheHubAreNotExternal() {
        assertFalse(HubLeaderboardJson.onHub("https://example.org/huggingface.co"));
        assertFalse(HubLeaderboardJson.onHub("https://huggingface.co.evil.example/x"));
        assertTrue(HubLeaderboardJson.onHub("https://huggingface.co/spaces/a/b"));
        assertTrue(HubLeaderboardJson.onHub("https://HF.co/a"));
        assertFalse(HubLeaderboardJson.onHub("not a url"));
    }

    private List<String> ids(String path) throws Exception {
        List<String> out = new ArrayList<>();
        json.readTree(fixture.get(path).body()).forEach(e -> out.add(e.get("modelId").asText()));
        return out;
    }

    private static List<Double> values(JsonNode list) {
        List<Double> out = new ArrayList<>();
        list.forEach(e -> out.add(e.get("value").asDouble()));
        return out;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> out = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
