package dev.evalbot.rules.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random reports (few models and few distinct values, so that ties and variants are common):
 * ranks never decrease down the list, equal values share a rank, every model with an eligible
 * report appears exactly once with its most trusted report shown, and incremental updates agree
 * with aggregating from scratch.
 */
class BoardPropertyTest {
    private static final List<String> MODELS = List.of("m/a", "m/b", "m/c", "m/d", "m/e", "m/f", "m/g");
    private static final List<String> TASKS = List.of("t1", "t2");

    @Provide
    Arbitrary<BoardEntry> entry() {
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, 0.5, 1.0, 50.0, 99.5),
                Arbitraries.doubles().between(-1e6, 1e6));
        Arbitrary<Instant> date = Arbitraries.integers().between(0, 20)
                .map(d -> d == 0 ? null : Reports.day(d));
        return Builders.withBuilder(() -> Reports.report("m/a", 0))
                .use(Arbitraries.of(MODELS)).in(Reports.Builder::model)
                .use(Arbitraries.of("hub", "hub", "github")).in(Reports.Builder::platform)
                .use(Arbitraries.of(TASKS)).in(Reports.Builder::task)
                .use(value).in(Reports.Builder::value)
                .use(Arbitraries.of(Tier.class)).in(Reports.Builder::tier)
                .use(Arbitraries.of(PrState.class)).in(Reports.Builder::state)
                .use(date).in(Reports.Builder::date)
                .use(Arbitraries.integers().between(1, 20).map(Reports::day)).in(Reports.Builder::updatedAt)
                .use(Arbitraries.integers().between(0, 3)).in(Reports.Builder::pr)
                .use(Arbitraries.integers().between(1, 40)).in(Reports.Builder::line)
                .use(Arbitraries.integers().between(0, 9)).in((b, f) -> f == 0 ? b.hidden() : f == 1 ? b.rejected() : b)
                .build(Reports.Builder::build);
    }

    @Provide
    Arbitrary<List<BoardEntry>> entries() {
        return entry().list().ofMaxSize(60);
    }

    @Property(tries = 500)
    void ranksAreCompetitionRanksOfTheShownValues(@ForAll("entries") List<BoardEntry> entries,
            @ForAll boolean lowerIsBetter) {
        List<Row> rows = rank(entries, lowerIsBetter).rows();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (i == 0) {
                assertEquals(1, row.rank());
                continue;
            }
            Row prev = rows.get(i - 1);
            assertTrue(prev.rank() <= row.rank(), "ranks never decrease");
            // Plain comparisons on purpose, independent of the code under test (== says -0.0 == 0.0).
            assertTrue(lowerIsBetter ? prev.value() <= row.value() : prev.value() >= row.value(), "values in order");
            if (prev.value() == row.value()) {
                assertEquals(prev.rank(), row.rank(), "equal values share a rank");
            } else {
                assertEquals(i + 1, row.rank(), "after a tie the rank skips to the position");
            }
        }
    }

    @Property(tries = 500)
    void everyEligibleModelAppearsExactlyOnceWithAllItsReports(@ForAll("entries") List<BoardEntry> entries) {
        TaskBoard board = rank(entries, false);
        List<BoardEntry> eligible = entries.stream().filter(e -> e.taskId().equals("t1") && e.eligible()).toList();
        Map<ModelKey, List<BoardEntry>> byModel = eligible.stream().collect(Collectors.groupingBy(BoardEntry::modelKey));

        List<ModelKey> shown = board.rows().stream().map(Row::modelKey).toList();
        assertEquals(shown.size(), new HashSet<>(shown).size(), "no model twice");
        assertEquals(byModel.keySet(), Set.copyOf(shown), "every eligible model, nothing else");
        for (Row row : board.rows()) {
            List<BoardEntry> mine = byModel.get(row.modelKey());
            Tier mostTrusted = mine.stream().map(BoardEntry::tier).min(Comparator.naturalOrder()).orElseThrow();
            assertEquals(mostTrusted, row.best().tier());
            List<BoardEntry> inRow = new ArrayList<>(row.others());
            inRow.add(row.best());
            assertEquals(count(mine), count(inRow), "no variant dropped, none added");
        }
        assertEquals(eligible.size(), board.reports());
        assertEquals(entries.stream().filter(e -> e.taskId().equals("t1")).count() - eligible.size(), board.excluded());
    }

    @Provide
    Arbitrary<List<List<BoardEntry>>> prChanges() {
        // Each change replaces the whole contribution of the PR of its first report.
        return entry().list().ofMaxSize(4).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    void incrementalUpdatesAgreeWithAggregatingFromScratch(@ForAll("entries") List<BoardEntry> initial,
            @ForAll("prChanges") List<List<BoardEntry>> changes, @ForAll boolean flipDirectionHalfway) {
        TaskCatalog catalog = (benchmark, task) -> task.equals("t2");
        IndexedBoards boards = IndexedBoards.of(initial, catalog);
        List<BoardEntry> all = new ArrayList<>(initial);
        boards.leaderboards();
        for (int i = 0; i < changes.size(); i++) {
            if (flipDirectionHalfway && i == changes.size() / 2) {
                catalog = (benchmark, task) -> task.equals("t1");
                boards.catalog(catalog);
            }
            List<BoardEntry> change = changes.get(i);
            PrKey pr = change.isEmpty() ? initial.isEmpty() ? new PrKey("hub", "m/a", 0) : initial.get(0).prKey()
                    : change.get(0).prKey();
            List<BoardEntry> same = change.stream().filter(e -> e.prKey().equals(pr)).toList();
            boards.replace(pr, same);
            all.removeIf(e -> e.prKey().equals(pr));
            all.addAll(same);
            assertEquals(new Aggregator(catalog).aggregate(all), boards.leaderboards());
        }
    }

    private static TaskBoard rank(List<BoardEntry> entries, boolean lowerIsBetter) {
        return Aggregator.rank("t1", lowerIsBetter, entries.stream().filter(e -> e.taskId().equals("t1")).toList());
    }

    private static Map<BoardEntry, Integer> count(List<BoardEntry> entries) {
        Map<BoardEntry, Integer> counts = new HashMap<>();
        entries.forEach(e -> counts.merge(e, 1, Integer::sum));
        return counts;
    }
}
