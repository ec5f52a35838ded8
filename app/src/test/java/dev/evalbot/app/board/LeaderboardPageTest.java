package dev.evalbot.app.board;

import static dev.evalbot.app.board.Boards.board;
import static dev.evalbot.app.board.Boards.report;
import static dev.evalbot.app.board.Boards.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.FacetParser;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.model.Task;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LeaderboardPageTest {
    private static final Pattern ROW = Pattern.compile(
            "<tr data-tier=\"(\\w+)\" data-facets=\"[^\"]*\"><td class=\"num\" data-v=\"(\\d+)\">\\d+</td><td data-v=\"([^\"]*)\">");

    private final LeaderboardPage page = new LeaderboardPage(PlatformModules.known(),
            PageLimits.DEFAULT, FacetParser.NO_PROVIDERS, null);

    private static List<String> rows(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            out.add(m.group(2) + " " + m.group(3) + " " + m.group(1));
        }
        return out;
    }

    private static int count(String html, String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void everythingFromAPrIsRenderedAsText() {
        BoardEntry evil = report("evil/<script>alert(1)</script>", 50, Tier.COMMUNITY, 2,
                "<script>alert(2)</script> & \"quotes\" 'too'", "https://example.org/a",
                "<img src=x onerror=alert(3)>");
        BoardEntry other = report("evil/<script>alert(1)</script>", 40, Tier.COMMUNITY, 1,
                "<b>variant</b>", "https://example.org/\"><script>alert(4)</script>", "x\u0000y");
        Benchmark benchmark = new Benchmark("cais/hle", "<i>HLE</i>", "<script>alert(5)</script>", "inspect-ai",
                List.of(new Task("hle", null, null, false, 1)));
        String html = page.render(board(evil, other), benchmark);

        assertEquals(1, count(html, "<script"), "only our own script element");
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("<b>variant"));
        assertFalse(html.contains("<i>HLE"));
        assertTrue(html.contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;"));
        assertTrue(html.contains("<bdi>evil/&lt;script&gt;alert(1)&lt;/script&gt;</bdi>"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(3)&gt;"));
        assertTrue(html.contains("x\uFFFDy"), "control characters are replaced");
        assertTrue(html.contains("<title>&lt;i&gt;HLE&lt;/i&gt; leaderboard"));
    }

    @Test
    void rowsAreInRankOrderAndTiesShareARank() {
        String html = page.render(board(simple("m/a", 10, Tier.AUTHOR), simple("m/b", 30, Tier.AUTHOR),
                simple("m/c", 20, Tier.AUTHOR), simple("m/d", 20, Tier.AUTHOR)), null);
        assertEquals(List.of("1 m/b author", "2 m/c author", "2 m/d author", "4 m/a author"), rows(html));
    }

    @Test
    void lowerIsBetterIsSaidAndRanked() {
        String html = page.render(board((b, t) -> true, simple("m/a", 10, Tier.AUTHOR),
                simple("m/b", 3, Tier.AUTHOR)), null);
        assertTrue(html.contains("Lower is better"));
        assertEquals(List.of("1 m/b author", "2 m/a author"), rows(html));
    }

    @Test
    void eachRowCarriesItsTierBadge() {
        String html = page.render(board(simple("m/v", 3, Tier.VERIFIED), simple("m/a", 2, Tier.AUTHOR),
                simple("m/c", 1, Tier.COMMUNITY)), null);
        assertEquals(List.of("1 m/v verified", "2 m/a author", "3 m/c community"), rows(html));
        assertTrue(html.contains("<span class=\"tier tier-verified\" title=\"on the main branch\">verified</span>"));
        assertTrue(html.contains("<span class=\"tier tier-author\""));
        assertTrue(html.contains("<span class=\"tier tier-community\" title=\"from PR #7 (open)\">community</span>"));
        assertTrue(html.contains("1 verified, 1 author, 1 community reports"));
    }

    @Test
    void onlyHttpsSourcesAreLinks() {
        String html = page.render(board(
                report("m/a", 4, Tier.AUTHOR, 1, null, "https://arxiv.org/abs/2501.1", "paper"),
                report("m/b", 3, Tier.AUTHOR, 1, null, "http://example.org/x", "plain http"),
                report("m/c", 2, Tier.AUTHOR, 1, null, "javascript:alert(1)", null),
                report("m/d", 1, Tier.AUTHOR, 1, null, "//evil.example/x", "relative")), null);
        assertTrue(html.contains("<a href=\"https://arxiv.org/abs/2501.1\" rel=\"nofollow ugc noopener noreferrer\">"
                + "<bdi>paper</bdi></a>"));
        assertFalse(html.contains("href=\"http:"));
        assertFalse(html.contains("href=\"javascript"));
        assertFalse(html.contains("href=\"//"));
        assertTrue(html.contains("<span class=\"unlinked\" title=\"not an https link\"><bdi>plain http</bdi></span>"));
        assertTrue(html.contains("<bdi>javascript:alert(1)</bdi></span>"), "shown as text");
    }

    @Test
    void otherReportsOfAModelExpandWithoutScript() {
        String html = page.render(board(
                report("m/a", 61, Tier.AUTHOR, 3, "with tools", "https://example.org/1", "card"),
                report("m/a", 44, Tier.AUTHOR, 2, "no tools", "https://example.org/2", "card"),
                report("m/a", 58, Tier.COMMUNITY, 5, "provider X", null, null)), null);
        assertEquals(1, rows(html).size());
        int details = html.indexOf("<details><summary>2 more reports</summary>");
        assertTrue(details > 0);
        String expanded = html.substring(details, html.indexOf("</details>", details));
        assertTrue(expanded.contains("<td class=\"num\">44</td><td><span class=\"tier tier-author\""));
        assertTrue(expanded.contains("no tools"));
        assertTrue(expanded.contains("provider X"));
    }

    @Test
    void theInlineScriptAndStyleAreExactlyWhatThePolicyAllows() {
        String html = page.render(board(simple("m/a", 1, Tier.AUTHOR)), null);
        String script = between(html, "<script>", "</script>");
        String style = between(html, "<style>", "</style>");
        String csp = LeaderboardPage.CONTENT_SECURITY_POLICY;
        assertTrue(csp.contains("script-src '" + PageAssets.sha256(script) + "'"));
        assertTrue(csp.contains("style-src '" + PageAssets.sha256(style) + "'"));
        assertTrue(csp.startsWith("default-src 'none';"));
        assertFalse(csp.contains("unsafe"));
        assertFalse(html.contains(" style=\""), "style attributes would be blocked");
        assertFalse(Pattern.compile("<[^>]*\\son\\w+=").matcher(html).find(), "no event handler attributes");
        Matcher src = Pattern.compile(" src=\"([^\"]*)\"").matcher(html);
        while (src.find()) {
            assertTrue(src.group(1).startsWith("/badges/"), "only our own badges, no external assets: " + src.group(1));
        }
        assertTrue(csp.contains("img-src 'self'"));
        assertFalse(html.contains("<link"));
    }

    @Test
    void theTableIsReadableWithoutScriptAndTheFilterAppearsOnlyWithIt() {
        String html = page.render(board(simple("m/a", 1, Tier.AUTHOR)), null);
        assertTrue(html.contains("<fieldset id=\"tier-filter\" hidden>"));
        assertTrue(html.contains("<th scope=\"col\" class=\"num\" data-sort=\"num\" aria-sort=\"ascending\">Rank</th>"));
        assertTrue(html.contains(">1</td>"));
    }

    @Test
    void theChartIsInlineSvgWithEscapedTooltips() {
        String html = page.render(board(report("m/<x>", 10, Tier.AUTHOR, 1, null, null, null),
                report("m/b", 20, Tier.AUTHOR, 5, null, null, null),
                report("m/c", 15, Tier.AUTHOR, 9, null, null, null)), null);
        String svg = between(html, "<svg", "</svg>");
        assertEquals(2, count(svg, "<circle"), "two records: 10 then 20");
        assertTrue(svg.contains("<title>m/&lt;x&gt;: 10 on 2026-01-02</title>"));
        assertTrue(html.contains("Top score over time: 20 by <bdi>m/b</bdi>"));
    }

    @Test
    void excludedReportsAreCountedNotShown() {
        BoardEntry closed = report("m/closed", 99, Tier.COMMUNITY, 1, null, null, null).withState(PrState.CLOSED,
                Boards.day(2));
        String html = page.render(board(closed), null);
        assertTrue(html.contains("1 excluded"));
        assertTrue(html.contains("No report on this leaderboard."));
        assertFalse(html.contains("m/closed"));
    }

    @Test
    void longBoardsAreCutWithANote() {
        String html = new LeaderboardPage(PlatformModules.known(),
                new PageLimits(2, 50), FacetParser.NO_PROVIDERS, null)
                .render(board(simple("m/a", 1, Tier.AUTHOR), simple("m/b", 2, Tier.AUTHOR),
                        simple("m/c", 3, Tier.AUTHOR)), null);
        assertEquals(List.of("1 m/c author", "2 m/b author"), rows(html));
        assertTrue(html.contains("Showing the first 2 of 3 models"));
    }

    @Test
    void severalTasksGetANavigationAndASectionEach() {
        Leaderboard b = board(report("hle", "m/a", 1, Tier.AUTHOR, 1, null, null, null),
                report("hle_text", "m/a", 2, Tier.AUTHOR, 1, null, null, null));
        String html = page.render(b, null);
        assertTrue(html.contains("<a href=\"#task-1\"><bdi>hle</bdi></a>"));
        assertTrue(html.contains("<section class=\"task\" id=\"task-2\">"));
        assertTrue(html.contains("<a href=\"/api/leaderboards/cais/hle\">JSON</a>"));
    }

    private static String between(String s, String open, String close) {
        int from = s.indexOf(open) + open.length();
        return s.substring(from, s.indexOf(close, from));
    }

    @Test
    void withdrawnReportsAreListedCollapsedAndEscapedWithChipsAndLinks() {
        BoardEntry closed = report("m/<closed>", 99, Tier.COMMUNITY, 1, "with tools <i>x</i>", null, null)
                .withState(PrState.CLOSED, Boards.day(2));
        var w = new dev.evalbot.rules.board.Withdrawal(closed, dev.evalbot.rules.board.Withdrawal.Kind.CLOSED,
                "<img src=x onerror=alert(1)>", Boards.day(2), "<script>alert(2)</script>",
                dev.evalbot.rules.board.Withdrawal.ClosedBy.OWNER);
        String html = new LeaderboardPage(PlatformModules.known(),
                PageLimits.DEFAULT, new dev.evalbot.rules.board.FacetParser(List.of("groq")),
                "https://evalbot.example").render(board(closed, report("m/a", 3, Tier.AUTHOR, 1, "no tools via groq",
                null, null)), null, java.util.Map.of("hle", List.of(w)));
        assertEquals(List.of("1 m/a author"), rows(html), "withdrawn reports are not ranked");
        assertTrue(html.contains("<details class=\"withdrawn\"><summary>Withdrawn (1)"), "collapsed: no open attribute");
        assertTrue(html.contains("PR closed by the model&#39;s owner, not its submitter (PR #7)"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
        assertFalse(html.contains("<img src=x"));
        assertEquals(1, count(html, "<script"));
        assertTrue(html.contains("<a class=\"model\" href=\"https://huggingface.co/m/%3Cclosed%3E\""));
        assertTrue(html.contains("<span class=\"chip\">tools</span>"));
        assertTrue(html.contains("<tr data-tier=\"author\" data-facets=\"tools:no provider:groq\">"));
        assertTrue(html.contains("<option value=\"provider:groq\">provider: groq</option>"));
        assertTrue(html.contains("[![cais/hle hle](https://evalbot.example/badges/m/a/cais/hle/hle.svg)]"
                + "(https://evalbot.example/leaderboards/cais/hle)"));
    }
}
