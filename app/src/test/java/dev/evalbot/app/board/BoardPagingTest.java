package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.ModelKey;
import dev.evalbot.rules.board.Placement;
import dev.evalbot.rules.board.TaskBoard;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board of 250 models served by the real routes from a real store: pages of 100 with board-wide
 * ranks, cursors that keep their place while a pull request lands, the last page, the search, and
 * the page, the JSON, the badge and the review's placement agreeing on one model of page 2.
 */
class BoardPagingTest {
    private static final String BOARD = "cais/hle";
    private static final int MODELS = 250;

    @TempDir
    Path tmp;
    private Database db;
    private ResultStore results;
    private BoardService boards;
    private Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** Model i scores 1000 - i, except model 100, which ties with model 99 across the first page's end. */
    private static double value(int i) {
        return i == 100 ? 1000 - 99 : 1000 - i;
    }

    private static String model(int i) {
        return String.format("org/m-%03d", i);
    }

    /** Its rank on the board: competition ranking, so the tie shares rank 100 and rank 101 is skipped. */
    private static int rank(int i) {
        return i == 100 ? 100 : i + 1;
    }

    @BeforeEach
    void setUp() {
        db = Database.open(StoreConfig.of("jdbc:sqlite:" + tmp.resolve("p.db")));
        results = new ResultStore(db, Clock.systemUTC());
        for (int i = 0; i < MODELS; i++) {
            record(model(i), 0, PrState.MERGED, Tier.AUTHOR, value(i));
        }
        boards = new BoardService(PlatformModules.known(),
                results, new RefreshStore(db, Duration.ofMinutes(1)), TaskCatalog.HIGHER_IS_BETTER,
                Map.of(), Duration.ofSeconds(30), Clock.systemUTC(), List.of(),
                BoardSettings.DEFAULT, WithdrawalTrail.NONE, BoardService.DEFAULT_CACHE_REPORTS);
        BoardRoutes routes = new BoardRoutes(boards);
        server = Javalin.create(c -> c.showJavalinBanner = false)
                .get(BoardPaths.INDEX, routes.index()).get(BoardPaths.API_INDEX, routes.indexJson())
                .get(BoardPaths.INDEX + "/{owner}/{name}", routes.page())
                .get(BoardPaths.API_INDEX + "/{owner}/{name}", routes.json()).get("/badges/<path>", routes.badge())
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void tearDown() {
        server.stop();
        boards.close();
        db.close();
    }

    private void record(String model, int number, PrState state, Tier tier, double value) {
        results.replaceAll(new PullRef(PlatformId.HUB, model, number), "sha", state, List.of(new ReviewedEntry(
                ".eval_results/hle.yaml", 1, 0, BOARD, "hle", value, "2026-03-01", "no tools",
                "https://example.org/" + model, "card", tier, null, null, false)));
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String query) throws Exception {
        HttpResponse<String> r = get("/api/leaderboards/cais/hle" + query);
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body()).get("tasks").get(0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theJsonPagesCarryBoardWideRanksAndTheLastPageHasNoNext() throws Exception {
        JsonNode first = api("");
        assertEquals(MODELS, first.get("total").asInt());
        assertEquals(100, first.get("rows").size());
        assertEquals(1, first.get("rows").get(0).get("rank").asInt());
        assertEquals(100, first.get("rows").get(99).get("rank").asInt());
        assertTrue(first.get("topScoreHistory").isArray());
        List<String> seen = new ArrayList<>();
        JsonNode page = first;
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.get("rows").size());
            for (JsonNode row : page.get("rows")) {
                int i = Integer.parseInt(row.get("model").asText().substring("org/m-".length()));
                assertEquals(rank(i), row.get("rank").asInt(), "rank of " + row.get("model"));
                seen.add(row.get("model").asText());
            }
            if (page.get("nextCursor").isNull()) {
                assertTrue(page.get("next").isNull());
                break;
            }
            page = api("?task=hle&cursor=" + page.get("nextCursor").asText());
        }
        assertEquals(List.of(100, 100, 50), sizes, "two full pages, then the last one");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            expected.add(model(i));
        }
        assertEquals(expected, seen, "every model once, in board order");
        // Page 2 starts on the tie: model 100 shares rank 100 with model 99 on page 1.
        assertEquals(100, api("?task=hle&cursor=" + first.get("nextCursor").asText()).get("rows").get(0).get("rank").asInt());

        JsonNode big = api("?limit=1000");
        assertEquals(MODELS, big.get("rows").size());
        assertTrue(big.get("nextCursor").isNull());
    }

    @Test
    void aCursorKeepsItsPlaceWhileAPullRequestLands() throws Exception {
        String cursor = api("").get("nextCursor").asText();
        // A new model takes first place and model 150 drops below everyone: page 2 must still start
        // after model 99, with every rank below the new leader one further down.
        record("org/newcomer", 7, PrState.OPEN, Tier.COMMUNITY, 5000);
        record(model(150), 0, PrState.MERGED, Tier.AUTHOR, -1);
        boards.catchUp(BOARD);

        JsonNode second = api("?task=hle&cursor=" + cursor);
        assertEquals(model(100), second.get("rows").get(0).get("model").asText());
        assertEquals(101, second.get("rows").get(0).get("rank").asInt());
        assertEquals(model(101), second.get("rows").get(1).get("model").asText());
        assertEquals(103, second.get("rows").get(1).get("rank").asInt());
        for (JsonNode row : second.get("rows")) {
            assertFalse(row.get("model").asText().equals(model(150)), "model 150 moved to the end");
        }
        JsonNode last = api("?task=hle&cursor=" + second.get("nextCursor").asText());
        JsonNode end = last.get("rows").get(last.get("rows").size() - 1);
        assertEquals(model(150), end.get("model").asText());
        assertEquals(MODELS + 1, end.get("rank").asInt());
        assertEquals(MODELS + 1, last.get("total").asInt());
    }

    @Test
    void theHtmlPageShowsAHundredModelsAndLinksToTheNextPage() throws Exception {
        String first = get("/leaderboards/cais/hle").body();
        assertEquals(100, count(first, "<tr data-tier="));
        assertTrue(first.contains("Showing the first 100 of 250 models"), first);
        assertTrue(first.getBytes(StandardCharsets.UTF_8).length < 200_000);
        String second = get(nextLink(first)).body();
        assertEquals(100, count(second, "<tr data-tier="));
        assertTrue(second.contains("Showing ranks 100–200 of 250 models"), second);
        assertTrue(second.contains("<td class=\"num\" data-v=\"100\">100</td><td data-v=\"org/m-100\">"));
        assertFalse(second.contains("class=\"chart\""), "the chart comes with the first page");
        String third = get(nextLink(second)).body();
        assertEquals(50, count(third, "<tr data-tier="));
        assertFalse(third.contains("rel=\"next\""), "the last page");
        assertTrue(third.contains(">first page</a>"));
    }

    @Test
    void theSearchIsAnsweredByTheServerWithBoardWideRanks() throws Exception {
        JsonNode found = api("?q=" + enc("M-12"));
        // m-120 to m-129, case-insensitively (m-012 holds "m-01", not "m-12").
        assertEquals(10, found.get("matching").asInt());
        assertEquals(MODELS, found.get("total").asInt());
        assertEquals(model(120), found.get("rows").get(0).get("model").asText());
        assertEquals(121, found.get("rows").get(0).get("rank").asInt());
        assertEquals(122, found.get("rows").get(1).get("rank").asInt());

        List<String> paged = new ArrayList<>();
        JsonNode page = api("?q=m-12&limit=4");
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.get("rows").size());
            page.get("rows").forEach(r -> paged.add(r.get("model").asText()));
            if (page.get("nextCursor").isNull()) {
                break;
            }
            page = api("?task=hle&q=m-12&limit=4&cursor=" + page.get("nextCursor").asText());
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(model(129), paged.get(9));

        String html = get("/leaderboards/cais/hle?q=" + enc("m-12")).body();
        assertEquals(10, count(html, "<tr data-tier="));
        assertTrue(html.contains("10 models match of 250"), html);
        assertTrue(html.contains("value=\"m-12\""), "the search box keeps the search");
        assertTrue(get("/leaderboards/cais/hle?q=nothing-like-it").body().contains("No model matches"));
    }

    @Test
    void pageJsonBadgeAndReviewAgreeOnAModelOfPageTwo() throws Exception {
        int i = 150;
        String page2 = get(nextLink(get("/leaderboards/cais/hle").body())).body();
        Matcher m = Pattern.compile("<td class=\"num\" data-v=\"(\\d+)\">\\d+</td><td data-v=\"" + model(i) + "\">")
                .matcher(page2);
        assertTrue(m.find(), "model 150 is on page 2");
        int pageRank = Integer.parseInt(m.group(1));
        JsonNode row = null;
        for (JsonNode r : api("?q=" + model(i)).get("rows")) {
            row = r;
        }
        assertNotNull(row);
        String svg = get("/badges/org/m-150/cais/hle/hle.svg").body();
        TaskBoard task = boards.leaderboard(BOARD).orElseThrow().task("hle").orElseThrow();
        Placement wouldRank = Placement.of(task, new ModelKey("hub", "org/other"), value(i), false);

        assertEquals(rank(i), pageRank);
        assertEquals(pageRank, row.get("rank").asInt());
        assertEquals(value(i), row.get("best").get("value").asDouble());
        assertTrue(svg.contains(Formats.value(value(i)) + " · author"), svg);
        assertEquals(pageRank, wouldRank.rank(), "the review's would-rank line for the same value");
    }

    @Test
    void badQueriesAreRefusedSayingWhatIsExpected() throws Exception {
        HttpResponse<String> cursor = get("/api/leaderboards/cais/hle?cursor=not-a-cursor");
        assertEquals(400, cursor.statusCode());
        assertTrue(cursor.body().contains("cursor is not one this server gave"), cursor.body());
        HttpResponse<String> limit = get("/api/leaderboards/cais/hle?limit=1001");
        assertEquals(400, limit.statusCode());
        assertEquals("limit must be from 1 to 1000, got 1001", limit.body());
        assertEquals(400, get("/leaderboards/cais/hle?limit=ten").statusCode());
        HttpResponse<String> task = get("/api/leaderboards/cais/hle?task=nope");
        assertEquals(404, task.statusCode());
        assertTrue(task.body().contains("with a task 'nope'"), task.body());
    }

    @Test
    void theIndexListsEachBoardWithItsLeader() throws Exception {
        results.replaceAll(new PullRef(PlatformId.HUB, "org/solo", 0), "sha", PrState.MERGED, List.of(
                new ReviewedEntry(".eval_results/x.yaml", 1, 0, "Zeta/bench", "t", 3, null, null, null, null,
                        Tier.AUTHOR, null, null, false)));
        boards.leaderboard(BOARD);
        boards.leaderboard("Zeta/bench");
        JsonNode index = json.readTree(get("/api/leaderboards").body()).get("leaderboards");
        // By id, case-sensitively, "Zeta/bench" would come first.
        assertEquals(BOARD, index.get(0).get("benchmark").asText(), "by name, case-insensitively");
        assertEquals(model(0), index.get(0).get("leader").get("model").asText());
        assertEquals(1000, index.get(0).get("leader").get("value").asDouble());
        assertEquals("Zeta/bench", index.get(1).get("benchmark").asText());
        assertEquals("org/solo", index.get(1).get("leader").get("model").asText());
        String html = get("/leaderboards").body();
        assertTrue(html.indexOf(model(0)) < html.indexOf("org/solo"));
        assertTrue(html.contains("<bdi>" + model(0) + "</bdi></a> 1000 <span class=\"tier tier-author\""), html);
    }

    private static int count(String html, String what) {
        return html.split(Pattern.quote(what), -1).length - 1;
    }

    private static String nextLink(String html) {
        Matcher m = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "a next link");
        return m.group(1).replace("&amp;", "&");
    }
}
