package dev.evalbot.rules.board;

import static dev.evalbot.rules.board.Reports.day;
import static dev.evalbot.rules.board.Reports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorTest {
    private static TaskBoard rank(BoardEntry... entries) {
        return Aggregator.rank("hle", false, List.of(entries));
    }

    private static List<String> models(TaskBoard board) {
        return board.rows().stream().map(Row::modelRepo).toList();
    }

    private static List<Integer> ranks(TaskBoard board) {
        return board.rows().stream().map(Row::rank).toList();
    }

    @Test
    void moreTrustedTierIsShownEvenWhenItsValueIsWorse() {
        BoardEntry community = report("m/a", 90).community().pr(2).build();
        BoardEntry author = report("m/a", 50).build();
        BoardEntry verified = report("m/b", 40).verified().date(day(1)).build();
        BoardEntry authorNewer = report("m/b", 70).date(day(9)).build();
        TaskBoard board = rank(community, author, verified, authorNewer);

        Row a = board.row("hub", "m/a").orElseThrow();
        assertSame(author, a.best());
        assertEquals(List.of(community), a.others());
        Row b = board.row("hub", "m/b").orElseThrow();
        assertSame(verified, b.best(), "verified beats a newer author report");
        assertEquals(List.of("m/a", "m/b"), models(board));
    }

    @Test
    void newestReportWinsWithinATier() {
        BoardEntry old = report("m/a", 80).date(day(1)).line(1).build();
        BoardEntry recent = report("m/a", 60).date(day(5)).line(2).build();
        BoardEntry undatedButStoredLater = report("m/a", 70).updatedAt(day(3)).line(3).build();
        Row row = rank(old, recent, undatedButStoredLater).rows().get(0);
        assertSame(recent, row.best());
        assertEquals(List.of(undatedButStoredLater, old), row.others(), "others in the same preference order");
    }

    @Test
    void equalValuesShareARankAndTheNextRankSkips() {
        TaskBoard board = rank(report("m/a", 90).build(), report("m/b", 80).build(), report("m/c", 90).build(),
                report("m/d", 70).build(), report("m/e", 70).build(), report("m/f", 10).build());
        assertEquals(List.of("m/a", "m/c", "m/b", "m/d", "m/e", "m/f"), models(board));
        assertEquals(List.of(1, 1, 3, 4, 4, 6), ranks(board));
    }

    @Test
    void negativeZeroAndZeroAreEqualValues() {
        TaskBoard board = rank(report("m/a", -0.0).build(), report("m/b", 0.0).build());
        assertEquals(List.of(1, 1), ranks(board));
    }

    @Test
    void amongEqualValuesTheMoreTrustedTierThenTheEarlierReportComesFirst() {
        TaskBoard board = rank(report("m/late", 90).date(day(5)).build(),
                report("m/community", 90).community().date(day(1)).build(),
                report("m/early", 90).date(day(2)).build());
        assertEquals(List.of("m/early", "m/late", "m/community"), models(board));
        assertEquals(List.of(1, 1, 1), ranks(board));
    }

    @Test
    void lowerIsBetterRanksAscending() {
        TaskBoard board = Aggregator.rank("wer", true, List.of(report("m/a", 12.5).task("wer").build(),
                report("m/b", 3.1).task("wer").build(), report("m/c", 7).task("wer").build(),
                report("m/d", 3.1).task("wer").build()));
        assertTrue(board.lowerIsBetter());
        assertEquals(List.of("m/b", "m/d", "m/c", "m/a"), models(board));
        assertEquals(List.of(1, 1, 3, 4), ranks(board));
    }

    @Test
    void lowerIsBetterAlsoBreaksTiesWithinAModelTheOtherWay() {
        BoardEntry worse = report("m/a", 9).date(day(1)).line(1).build();
        BoardEntry better = report("m/a", 4).date(day(1)).line(2).build();
        assertSame(better, Aggregator.rank("hle", true, List.of(worse, better)).rows().get(0).best());
        assertSame(worse, rank(worse, better).rows().get(0).best());
    }

    @Test
    void hiddenRejectedAndClosedReportsAreExcludedButCounted() {
        TaskBoard board = rank(report("m/hidden", 99).hidden().build(),
                report("m/rejected", 98).rejected().build(),
                report("m/closed", 97).community().state(PrState.CLOSED).build(),
                report("m/a", 50).build(),
                report("m/a", 95).community().pr(7).hidden().updatedAt(day(4)).build());
        assertEquals(List.of("m/a"), models(board));
        assertEquals(List.of(), board.rows().get(0).others(), "an excluded variant is not expandable either");
        assertEquals(4, board.excluded());
        assertEquals(1, board.reports());
        assertEquals(day(4), board.lastChange(), "hiding is a change of the board");
    }

    @Test
    void everyVariantOfAModelIsKeptInItsRow() {
        BoardEntry tools = report("m/a", 61).notes("with tools").date(day(3)).build();
        BoardEntry noTools = report("m/a", 44).notes("no tools").date(day(3)).line(5).build();
        BoardEntry provider = report("m/a", 58).notes("provider X").community().pr(4).date(day(9)).build();
        Row row = rank(tools, noTools, provider).rows().get(0);
        assertSame(tools, row.best(), "same tier and date: the better value is shown");
        assertEquals(List.of(noTools, provider), row.others());
        assertEquals(3, row.reports());
    }

    @Test
    void countsArePerTierOfEligibleReports() {
        TaskBoard board = rank(report("m/a", 1).verified().build(), report("m/a", 2).line(2).build(),
                report("m/b", 3).community().build(), report("m/c", 4).community().line(3).build(),
                report("m/d", 5).hidden().build());
        assertEquals(Map.of(Tier.VERIFIED, 1, Tier.AUTHOR, 1, Tier.COMMUNITY, 2), board.counts());
        assertEquals(1, board.excluded());
    }

    @Test
    void theSameRepositoryOnTwoPlatformsIsTwoModels() {
        TaskBoard board = rank(report("m/a", 10).platform("github").build(), report("m/a", 20).build());
        assertEquals(2, board.rows().size());
        assertEquals(20, board.row("hub", "m/a").orElseThrow().value());
        assertEquals(10, board.row("github", "m/a").orElseThrow().value());
    }

    @Test
    void aggregateGroupsByBenchmarkAndTaskInDeclaredOrder() {
        TaskCatalog catalog = new TaskCatalog() {
            @Override
            public boolean lowerIsBetter(String benchmarkId, String taskId) {
                return taskId.equals("cost");
            }

            @Override
            public List<String> taskOrder(String benchmarkId) {
                return List.of("main", "cost");
            }
        };
        var boards = new Aggregator(catalog).aggregate(List.of(
                report("m/a", 3).benchmark("x/bench", "cost").build(),
                report("m/b", 1).benchmark("x/bench", "cost").build(),
                report("m/a", 0.5).benchmark("x/bench", "main").build(),
                report("m/c", 0.7).benchmark("x/bench", "extra").build(),
                report("m/a", 20).benchmark("cais/hle", "hle").updatedAt(day(2)).build()));
        assertEquals(List.of("cais/hle", "x/bench"), List.copyOf(boards.keySet()));
        Leaderboard bench = boards.get("x/bench");
        assertEquals(List.of("main", "cost", "extra"), bench.tasks().stream().map(TaskBoard::taskId).toList());
        assertEquals(List.of("m/b", "m/a"), models(bench.task("cost").orElseThrow()));
        assertEquals(3, bench.models());
        assertEquals(new BoardSummary("cais/hle", 1, 1, day(2)), boards.get("cais/hle").summary());
    }

    @Test
    void reportsOfAnotherTaskAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Aggregator.rank("hle", false, List.of(report("m/a", 1).task("other").build())));
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> report("m/a", Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> report("m/a", Double.POSITIVE_INFINITY).build());
    }

    @Test
    void topScoreHistoryStepsUpToTheCurrentLeader() {
        TaskBoard board = rank(report("m/a", 50).date(day(1)).build(), report("m/b", 40).date(day(2)).build(),
                report("m/c", 70).date(day(3)).build(), report("m/d", 70).date(day(4)).build(),
                report("m/e", 65).date(day(5)).build());
        assertEquals(List.of(new TopScoreHistory.Point(day(1), 50, "m/a"), new TopScoreHistory.Point(day(3), 70, "m/c")),
                TopScoreHistory.of(board));
    }
}
