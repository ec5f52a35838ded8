package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rank a placement predicts is the rank the value gets once it is on the board as the model's
 * only report (replacing any row the model had), in both directions, ties and withdrawals included.
 */
class PlacementPropertyTest {
    private static final List<String> MODELS = List.of("m/a", "m/b", "m/c", "m/d", "m/new");

    @Provide
    Arbitrary<List<BoardEntry>> board() {
        Arbitrary<BoardEntry> e = Arbitraries.of(MODELS).flatMap(m -> Arbitraries.of(1.0, 2.0, 3.0, 50.0, 70.5)
                .flatMap(v -> Arbitraries.integers().between(0, 5).map(k -> {
                    Reports.Builder b = Reports.report(m, v).pr(k);
                    return (k == 0 ? b.hidden() : k == 1 ? b.community() : b).build();
                })));
        return e.list().ofMaxSize(15);
    }

    @Property(tries = 500)
    void predictedRankIsTheRankOnceAdded(@ForAll("board") List<BoardEntry> entries, @ForAll boolean lower,
            @ForAll("values") double value) {
        ModelKey model = new ModelKey("hub", "m/new");
        Placement p = Placement.of(Aggregator.rank("hle", lower, entries), model, value, lower);

        List<BoardEntry> after = new ArrayList<>(entries.stream().filter(e -> !e.modelKey().equals(model)).toList());
        after.add(Reports.report("m/new", value).pr(99).build());
        TaskBoard board = Aggregator.rank("hle", lower, after);
        Row row = board.row("hub", "m/new").orElseThrow();
        assertEquals(row.rank(), p.rank());
        assertEquals(board.rows().size(), p.of());
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(Arbitraries.of(1.0, 2.0, 3.0, 50.0, 70.5, 0.0),
                Arbitraries.doubles().between(-100, 100));
    }
}
