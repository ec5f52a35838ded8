package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over one seeded set of boards (ties, a lower-is-better task, two platforms, a withdrawn report,
 * a derived model), everything served over HTTP agrees on every rank: the page's table, evalbot's
 * JSON, the Hub-shaped leaderboard, and each row's badge shows that row's value and tier.
 */
class RankAgreementTest {
    static final Pattern SECTION = Pattern.compile("<section class=\"task\" id=\"task-\\d+\">\\s*<h2><bdi>([^<]*)</bdi>");
    static final Pattern PAGE_ROW = Pattern.compile(
            "<tr data-tier=\"[^\"]*\" data-facets=\"[^\"]*\"><td class=\"num\" data-v=\"(\\d+)\">\\d+</td><td data-v=\"([^\"]*)\">");

    /** One place on a board: rank, model, platform. */
    record Place(int rank, String model, String platform) {}

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
    void pageBadgesEvalbotsJsonAndTheHubShapedApiAgreeOnEveryRank() throws Exception {
        int checked = 0;
        for (String benchmark : List.of(HubApiFixture.MULTI, HubApiFixture.SINGLE, HubApiFixture.FIRST_EMPTY)) {
            Map<String, List<Place>> page = page(benchmark);
            JsonNode own = json.readTree(fixture.get(BoardPaths.api(benchmark)).body());
            assertEquals(page.keySet().size(), own.get("tasks").size(), benchmark);
            for (JsonNode task : own.get("tasks")) {
                String taskId = task.get("id").asText();
                List<Place> fromJson = new ArrayList<>();
                for (JsonNode row : task.get("rows")) {
                    fromJson.add(new Place(row.get("rank").asInt(), row.get("model").asText(),
                            row.get("platform").asText()));
                }
                List<Place> fromHub = new ArrayList<>();
                for (JsonNode e : json.readTree(fixture.get("/api/datasets/" + benchmark + "/leaderboard?task_id="
                        + URLEncoder.encode(taskId, StandardCharsets.UTF_8) + "&base_model=false").body())) {
                    fromHub.add(new Place(e.get("rank").asInt(), e.get("modelId").asText(), e.get("platform").asText()));
                }
                assertEquals(page.get(taskId), fromJson, benchmark + " " + taskId + ": page and evalbot's JSON");
                assertEquals(fromJson, fromHub, benchmark + " " + taskId + ": evalbot's JSON and the Hub-shaped API");
                for (JsonNode row : task.get("rows")) {
                    String badge = fixture.get("/badges/" + row.get("model").asText() + "/" + benchmark + "/" + taskId
                            + ".svg?platform=" + row.get("platform").asText()).body();
                    String shown = Formats.value(row.at("/best/value").asDouble()) + " · " + row.at("/best/tier").asText();
                    assertTrue(badge.contains(shown), benchmark + " " + taskId + " " + row.get("model") + ": " + shown
                            + " in " + badge);
                    checked++;
                }
            }
        }
        assertEquals(11, checked, "every row of every task was compared");
        // The seeded boards do test ties and direction: acc has a shared second place, err (lower is better) a shared first.
        assertEquals(List.of(1, 2, 2, 4), ranks(page(HubApiFixture.MULTI).get("acc")));
        assertEquals(List.of(1, 1, 3), ranks(page(HubApiFixture.MULTI).get("err")));
    }

    private static List<Integer> ranks(List<Place> places) {
        return places.stream().map(Place::rank).toList();
    }

    /** The page's table rows per task section; the platform from the model link's host. */
    private Map<String, List<Place>> page(String benchmark) throws Exception {
        String html = fixture.get(BoardPaths.page(benchmark)).body();
        Map<String, List<Place>> out = new LinkedHashMap<>();
        Matcher section = SECTION.matcher(html);
        List<int[]> bounds = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        while (section.find()) {
            tasks.add(section.group(1));
            bounds.add(new int[] {section.start()});
        }
        for (int i = 0; i < tasks.size(); i++) {
            int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : html.length();
            String text = html.substring(bounds.get(i)[0], end);
            List<Place> rows = new ArrayList<>();
            Matcher row = PAGE_ROW.matcher(text);
            while (row.find()) {
                String rest = text.substring(row.end(), Math.min(text.length(), row.end() + 400));
                rows.add(new Place(Integer.parseInt(row.group(1)), row.group(2),
                        rest.contains("https://github.com/") ? "github" : "hub"));
            }
            out.put(tasks.get(i), rows);
        }
        return out;
    }
}
