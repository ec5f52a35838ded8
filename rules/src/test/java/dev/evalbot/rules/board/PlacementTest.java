package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.tier.PrState;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final ModelKey NEW = new ModelKey("hub", "m/new");

    private static TaskBoard board(boolean lower, BoardEntry... entries) {
        return Aggregator.rank("hle", lower, List.of(entries));
    }

    @Test
    void ranksAmongTheOtherModelsWithTies() {
        TaskBoard b = board(false, Reports.report("m/a", 30).build(), Reports.report("m/b", 20).build(),
                Reports.report("m/c", 10).community().build());
        Placement p = Placement.of(b, NEW, 20, false);
        assertEquals(2, p.rank(), "ties share the rank");
        assertEquals(4, p.of());
        assertEquals(OptionalDouble.of(30), p.top());
        assertEquals(OptionalDouble.of(30), p.bestAuthorReported());
    }

    @Test
    void theModelsOwnRowDoesNotCompete() {
        TaskBoard b = board(false, Reports.report("m/new", 50).community().build(), Reports.report("m/a", 30).build());
        Placement p = Placement.of(b, NEW, 40, false);
        assertEquals(1, p.rank());
        assertEquals(2, p.of());
        assertEquals(OptionalDouble.of(10), p.leadOver(40));
    }

    @Test
    void withdrawnReportsAreNotCounted() {
        TaskBoard b = board(false, Reports.report("m/a", 90).state(PrState.CLOSED).build(),
                Reports.report("m/b", 95).hidden().build(), Reports.report("m/c", 30).community().build());
        Placement p = Placement.of(b, NEW, 40, false);
        assertEquals(1, p.rank());
        assertEquals(2, p.of());
        assertTrue(p.bestAuthorReported().isEmpty(), "only a community report is left");
    }

    @Test
    void lowerIsBetterLeadsDownwards() {
        TaskBoard b = board(true, Reports.report("m/a", 12).build());
        Placement p = Placement.of(b, NEW, 10, true);
        assertEquals(1, p.rank());
        assertEquals(OptionalDouble.of(2), p.leadOver(10));
    }

    @Test
    void anEmptyBoardIsFirstOfOne() {
        Placement p = Placement.of(null, NEW, 10, false);
        assertEquals(1, p.rank());
        assertEquals(1, p.of());
        assertTrue(p.leadOver(10).isEmpty());
    }
}
