package dev.evalbot.app.board;

import static dev.evalbot.app.board.Boards.board;
import static dev.evalbot.app.board.Boards.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.PlatformModules;
import dev.evalbot.rules.board.BoardSummary;
import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderboardJsonTest {
    private final LeaderboardJson json = new LeaderboardJson(PlatformModules.known(), FacetParser.NO_PROVIDERS);
    private final ObjectMapper mapper = new ObjectMapper();

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void theDocumentHasTheSchemasFieldsInOrder() throws Exception {
        String text = json.render(board(
                report("m/a", 61, Tier.VERIFIED, 3, "with tools", "https://example.org/1", "card"),
                report("m/a", 44, Tier.COMMUNITY, 2, "no tools", "http://example.org/2", "old card"),
                report("m/b", 50, Tier.AUTHOR, 1, null, null, null)));
        JsonNode root = mapper.readTree(text);
        assertEquals(List.of("schemaVersion", "benchmark", "lastChange", "models", "tasks"), fields(root));
        assertEquals(1, root.get("schemaVersion").asInt());
        assertEquals("cais/hle", root.get("benchmark").asText());
        assertEquals(2, root.get("models").asInt());

        JsonNode task = root.get("tasks").get(0);
        assertEquals(List.of("id", "lowerIsBetter", "lastChange", "counts", "excluded", "rows", "topScoreHistory",
                "withdrawn"),
                fields(task));
        assertEquals("{\"verified\":1,\"author\":1,\"community\":1}", task.get("counts").toString());
        JsonNode first = task.get("rows").get(0);
        assertEquals(List.of("rank", "model", "platform", "best", "others", "modelUrl", "providerSpread"),
                fields(first));
        assertEquals("https://huggingface.co/m/a", first.get("modelUrl").asText());
        assertEquals(1, first.get("rank").asInt());
        JsonNode best = first.get("best");
        assertEquals(List.of("value", "tier", "logChecked", "date", "effectiveDate", "updatedAt", "notes", "source", "dataset", "pr",
                "approved", "file", "line", "facets"), fields(best));
        assertEquals("{\"tools\":true,\"chainOfThought\":null,\"shots\":null,\"provider\":null,\"temperature\":null}",
                best.get("facets").toString());
        assertEquals(61.0, best.get("value").asDouble());
        assertEquals("verified", best.get("tier").asText());
        assertFalse(best.get("logChecked").asBoolean(), "no cited log was read for it");
        assertEquals("2026-01-04T00:00:00Z", best.get("date").asText());
        assertTrue(best.get("pr").isNull(), "on main, no PR");
        assertEquals("https://example.org/1", best.get("source").get("url").asText());

        JsonNode other = first.get("others").get(0);
        assertTrue(other.get("source").get("url").isNull(), "a non-https URL is not passed on");
        assertEquals("old card", other.get("source").get("name").asText());
        assertEquals("{\"number\":7,\"state\":\"open\"}", other.get("pr").toString());
        assertEquals(2, task.get("rows").get(1).get("rank").asInt());
        assertEquals("[{\"at\":\"2026-01-02T00:00:00Z\",\"value\":50.0,\"model\":\"m/b\"},"
                + "{\"at\":\"2026-01-04T00:00:00Z\",\"value\":61.0,\"model\":\"m/a\"}]",
                task.get("topScoreHistory").toString());
    }

    @Test
    void markupCharactersAreEscapedInTheJsonText() throws Exception {
        String text = json.render(board(report("m/a", 1, Tier.AUTHOR, 1, "</script><b>&\u2028", null, null)));
        assertFalse(text.contains("</script>"));
        assertFalse(text.contains("<b>"));
        assertFalse(text.contains("\u2028"));
        assertEquals("</script><b>&\u2028",
                mapper.readTree(text).at("/tasks/0/rows/0/best/notes").asText(), "same string once parsed");
    }

    @Test
    void theIndexListsBoardsWithTheirApiUrls() throws Exception {
        JsonNode root = mapper.readTree(json.renderIndex(List.of(
                new BoardSummary("cais/hle", 1, 3, Instant.parse("2026-01-01T00:00:00Z")))));
        assertEquals(1, root.get("schemaVersion").asInt());
        JsonNode b = root.get("leaderboards").get(0);
        assertEquals(List.of("benchmark", "tasks", "models", "lastChange", "url"), fields(b));
        assertEquals("/api/leaderboards/cais/hle", b.get("url").asText());
    }

    @Test
    void withdrawnReportsAndProviderSpreadAreInTheDocument() throws Exception {
        var facets = new dev.evalbot.rules.board.FacetParser(List.of("together", "groq"));
        var closed = report("m/c", 90, Tier.COMMUNITY, 2, "via groq </script>", null, null)
                .withState(dev.evalbot.rules.tier.PrState.CLOSED, Boards.day(5));
        var board = board(report("m/a", 0.80, Tier.AUTHOR, 3, "via together", null, null),
                report("m/a", 0.84, Tier.COMMUNITY, 2, "groq, 5-shot", null, null), closed);
        var withdrawal = new dev.evalbot.rules.board.Withdrawal(closed, dev.evalbot.rules.board.Withdrawal.Kind.CLOSED,
                "owner<x>", Boards.day(5), "duplicate", dev.evalbot.rules.board.Withdrawal.ClosedBy.OWNER);
        String text = new LeaderboardJson(PlatformModules.known(),
                facets).render(board, java.util.Map.of("hle", List.of(withdrawal)));
        assertFalse(text.contains("</script>") || text.contains("<x>"), text);
        JsonNode task = mapper.readTree(text).get("tasks").get(0);
        assertEquals(1, task.get("rows").size(), "the withdrawn report is not ranked");
        assertEquals("{\"providers\":[\"groq\",\"together\"],\"min\":0.8,\"max\":0.84}",
                task.at("/rows/0/providerSpread").toString());
        assertEquals(5, task.at("/rows/0/others/0/facets/shots").asInt());
        JsonNode w = task.get("withdrawn").get(0);
        assertEquals("closed", w.get("kind").asText());
        assertEquals("owner<x>", w.get("by").asText());
        assertEquals("owner", w.get("closedBy").asText());
        assertEquals("2026-01-06T00:00:00Z", w.get("at").asText());
        assertEquals("duplicate", w.get("reason").asText());
        assertEquals("groq", w.at("/report/facets/provider").asText());
        assertEquals("{\"number\":7,\"state\":\"closed\"}", w.at("/report/pr").toString());
    }
}
