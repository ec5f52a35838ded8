package dev.evalbot.app.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.rules.board.BoardSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardIndexPageTest {
    private final LeaderboardIndexPage page = new LeaderboardIndexPage(PlatformModules.known());

    @Test
    void listsEveryBenchmarkWithItsCountsAndLastChange() {
        String html = page.render(List.of(
                new BoardSummary("openai/gsm8k", 1, 12, Instant.parse("2026-03-04T05:06:07Z")),
                new BoardSummary("cais/hle", 2, 40, Instant.parse("2026-02-01T00:00:00Z"))),
                Map.of("cais/hle", "Humanity's <Last> Exam"));
        int hle = html.indexOf("href=\"/leaderboards/cais/hle\"");
        int gsm = html.indexOf("href=\"/leaderboards/openai/gsm8k\"");
        assertTrue(hle > 0 && gsm > hle, "sorted by id");
        assertTrue(html.contains("<bdi>Humanity&#39;s &lt;Last&gt; Exam</bdi></a> <span class=\"id\">cais/hle</span>"));
        assertTrue(html.contains("<td class=\"num\">2</td><td class=\"num\">40</td>"));
        assertTrue(html.contains("<time datetime=\"2026-03-04T05:06:07Z\">2026-03-04</time>"));
        assertTrue(html.contains("2 benchmarks"));
        assertEquals(1, html.split("<script", -1).length - 1);
    }

    @Test
    void idsAreEncodedInLinksAndEscapedInText() {
        String html = page.render(List.of(new BoardSummary("o/\"><b>x y", 1, 1, null)));
        assertTrue(html.contains("href=\"/leaderboards/o/%22%3E%3Cb%3Ex%20y\""));
        assertFalse(html.contains("<b>"));
    }

    @Test
    void anEmptyListSaysSo() {
        assertTrue(page.render(List.of()).contains("<p>No results yet.</p>"));
    }
}
