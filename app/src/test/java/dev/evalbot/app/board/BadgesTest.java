package dev.evalbot.app.board;

import static dev.evalbot.app.board.Boards.board;
import static dev.evalbot.app.board.Boards.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class BadgesTest {
    private static final ModelLinks LINKS = new ModelLinks(PlatformModules.known());

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pathsParseWithSlashesInTheTask() {
        assertEquals(Optional.of(new Badges.Request("a/m", "MathArena/aime_2026", "MathArena/aime_2026")),
                Badges.Request.parse("a/m/MathArena/aime_2026/MathArena/aime_2026.svg"));
        assertEquals(Optional.empty(), Badges.Request.parse("a/m/cais/hle.svg"));
        assertEquals(Optional.empty(), Badges.Request.parse("a/m/cais/hle/hle.png"));
        assertEquals(Optional.empty(), Badges.Request.parse("a//cais/hle/hle.svg"));
        assertEquals("/badges/a/m%20x/cais/hle/t%3Cx%3E.svg", Badges.path("a/m x", "cais/hle", "t<x>"));
    }

    @Test
    void theBadgeShowsValueAndTierAndIsValidXmlWhateverTheText() throws Exception {
        Leaderboard b = board(report("hle", "m/a", 24.6, Tier.VERIFIED, 1, null, null, null));
        Badges.Request r = new Badges.Request("m/a", "cais/hle", "hle");
        Row row = Badges.row(b, r, null, LINKS).orElseThrow();
        Document doc = parse(Badges.svg(row, r));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertTrue(doc.getDocumentElement().getTextContent().contains("24.6 · verified"));
        assertTrue(Badges.svg(row, r).contains(BadgeSvg.color("verified")));

        String evil = BadgeSvg.render("<script>alert(1)</script>&\"'\u0000\ud800", "x]]>y", "#000");
        Document d = parse(evil);
        assertFalse(evil.contains("<script"));
        assertTrue(d.getDocumentElement().getTextContent().contains("<script>alert(1)</script>&\"'"));
    }

    @Test
    void withdrawnReportsAndOtherPlatformsMakeNoBadge() {
        Leaderboard b = board(report("hle", "m/a", 24.6, Tier.COMMUNITY, 1, null, null, null).withState(PrState.CLOSED,
                Boards.day(3)), report("hle", "m/b", 1, Tier.AUTHOR, 1, null, null, null));
        assertTrue(Badges.row(b, new Badges.Request("m/a", "cais/hle", "hle"), null, LINKS).isEmpty());
        assertTrue(Badges.row(b, new Badges.Request("m/b", "cais/hle", "hle"), "github", LINKS).isEmpty(),
                "a Hub model");
        assertTrue(Badges.row(b, new Badges.Request("m/b", "cais/hle", "other"), null, LINKS).isEmpty());
        assertEquals("gpqa / gpqa_diamond", Badges.label("Idavidrein/gpqa", "gpqa_diamond"));
        assertEquals("hle", Badges.label("cais/hle", "hle"));
    }
}
