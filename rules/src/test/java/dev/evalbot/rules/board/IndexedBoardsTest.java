package dev.evalbot.rules.board;

import static dev.evalbot.rules.board.Reports.day;
import static dev.evalbot.rules.board.Reports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexedBoardsTest {
    private static final PrKey PR_7 = new PrKey("hub", "m/new", 7);

    private final IndexedBoards boards = IndexedBoards.of(List.of(
            report("m/a", 80).build(),
            report("m/b", 70).build(),
            report("m/c", 60).benchmark("x/other", "t").build()), TaskCatalog.HIGHER_IS_BETTER);

    private TaskBoard hle() {
        return boards.leaderboard("cais/hle").orElseThrow().task("hle").orElseThrow();
    }

    private List<String> hleModels() {
        return hle().rows().stream().map(r -> r.modelRepo() + "#" + r.rank()).toList();
    }

    private List<BoardEntry> pr7(BoardEntry... entries) {
        return List.of(entries);
    }

    @Test
    void anOpenPrAppearsAsCommunityAndMergingMakesItAuthor() {
        BoardEntry open = report("m/new", 75).community().pr(7).updatedAt(day(1)).build();
        assertEquals(Set.of("cais/hle"), boards.replace(PR_7, pr7(open)));
        assertEquals(List.of("m/a#1", "m/new#2", "m/b#3"), hleModels());
        assertEquals(1, hle().count(Tier.COMMUNITY));

        List<BoardEntry> merged = boards.entries(PR_7).stream().map(e -> e.withState(PrState.MERGED, day(2))).toList();
        boards.replace(PR_7, merged);
        Row row = hle().row("hub", "m/new").orElseThrow();
        assertEquals(Tier.AUTHOR, row.best().tier());
        assertEquals(0, hle().count(Tier.COMMUNITY));
        assertEquals(3, hle().count(Tier.AUTHOR));
        assertEquals(day(2), hle().lastChange());
    }

    @Test
    void closingHidingOrRejectingTakesAPrOffTheBoardButNotOutOfTheIndex() {
        BoardEntry open = report("m/new", 95).community().pr(7).build();
        boards.replace(PR_7, pr7(open));
        assertEquals("m/new#1", hleModels().get(0));

        boards.replace(PR_7, pr7(open.withState(PrState.CLOSED, day(3))));
        assertEquals(List.of("m/a#1", "m/b#2"), hleModels());
        assertEquals(1, hle().excluded());
        assertEquals(1, boards.entries(PR_7).size(), "history keeps the closed report");

        boards.replace(PR_7, pr7(open.withDecision(false, false, true, day(4))));
        assertEquals(List.of("m/a#1", "m/b#2"), hleModels());
        boards.replace(PR_7, pr7(open.withDecision(false, true, false, day(5))));
        assertEquals(List.of("m/a#1", "m/b#2"), hleModels());
        boards.replace(PR_7, pr7(open.withDecision(true, false, false, day(6))));
        assertEquals(List.of("m/new#1", "m/a#2", "m/b#3"), hleModels());
        assertEquals(0, hle().excluded());
    }

    @Test
    void replacingAPrOnlyTouchesItsBenchmarksAndKeepsTheOthersBoards() {
        Leaderboard other = boards.leaderboard("x/other").orElseThrow();
        boards.replace(PR_7, pr7(report("m/new", 85).pr(7).build(), report("m/new", 50).pr(7).notes("v2").build()));
        assertSame(other, boards.leaderboard("x/other").orElseThrow(), "untouched benchmark is not rebuilt");
        assertEquals(List.of("m/new#1", "m/a#2", "m/b#3"), hleModels());
        assertEquals(1, hle().rows().get(0).others().size());

        assertEquals(Set.of("cais/hle"), boards.remove(PR_7));
        assertEquals(List.of("m/a#1", "m/b#2"), hleModels());
        assertEquals(3, boards.size());
    }

    @Test
    void movingAReportToAnotherBenchmarkAffectsBoth() {
        boards.replace(PR_7, pr7(report("m/new", 1).pr(7).build()));
        Set<String> affected = boards.replace(PR_7, pr7(report("m/new", 1).pr(7).benchmark("x/third", "t").build()));
        assertEquals(Set.of("cais/hle", "x/third"), affected);
        assertEquals(List.of("cais/hle", "x/other", "x/third"), List.copyOf(boards.leaderboards().keySet()));
    }

    @Test
    void aBenchmarkWhoseLastReportGoesDisappears() {
        PrKey main = new PrKey("hub", "m/c", 1);
        assertEquals(Set.of("x/other"), boards.remove(main));
        assertTrue(boards.leaderboard("x/other").isEmpty());
        assertEquals(List.of("cais/hle"), boards.summaries().stream().map(BoardSummary::benchmarkId).toList());
    }

    @Test
    void entriesMustBelongToTheReplacedPr() {
        assertThrows(IllegalArgumentException.class, () -> boards.replace(PR_7, pr7(report("m/new", 1).pr(8).build())));
        assertThrows(IllegalArgumentException.class, () -> boards.replace(PR_7, pr7(report("m/x", 1).pr(7).build())));
    }

    @Test
    void aChangedDirectionRanksTheTaskAgain() {
        hle();
        Set<String> affected = boards.catalog((benchmark, task) -> task.equals("hle"));
        assertEquals(Set.of("cais/hle", "x/other"), affected);
        assertEquals(List.of("m/b#1", "m/a#2"), hleModels());
        assertTrue(hle().lowerIsBetter());
    }

    @Test
    void incrementalUpdatesGiveTheSameBoardsAsAggregatingFromScratch() {
        List<BoardEntry> all = new ArrayList<>(List.of(report("m/a", 80).build(), report("m/b", 70).build(),
                report("m/c", 60).benchmark("x/other", "t").build()));
        for (int i = 0; i < 40; i++) {
            String model = "m/" + (char) ('a' + i % 6);
            PrKey pr = new PrKey("hub", model, 10 + i % 5);
            hle();
            List<BoardEntry> next = i % 7 == 3 ? List.of()
                    : List.of(report(model, (i * 37) % 11).pr(pr.number()).date(day(i)).build());
            boards.replace(pr, next);
            all.removeIf(e -> e.prKey().equals(pr));
            all.addAll(next);
            assertEquals(new Aggregator(TaskCatalog.HIGHER_IS_BETTER).aggregate(all), boards.leaderboards());
        }
    }
}
