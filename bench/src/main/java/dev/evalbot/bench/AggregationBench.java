package dev.evalbot.bench;

import dev.evalbot.rules.board.Aggregator;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.IndexedBoards;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.PrKey;
import dev.evalbot.rules.tier.PrState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Leaderboard aggregation at scale: 1,000,000 stored reports over 100 benchmarks.
 * <ul>
 *   <li>{@code full}: every leaderboard from scratch (start-up, or a rebuild). Target: under 1 s.</li>
 *   <li>{@code onePrChange}: one PR's reports change (new values, merged or closed) and the
 *       affected leaderboards are read again. Target: under 5 ms. The PRs changed are taken from
 *       the most popular benchmark, the worst case.</li>
 * </ul>
 * {@code skewed=true} gives the first benchmarks most reports (popularity ~ 1/rank).
 * Run: {@code java -jar bench/target/benchmarks.jar Aggregation -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 *
 * <p>The fork gets a fixed 4 GB heap, as a server holding a million reports would: a build
 * allocates ~135 MB, ~0.9M objects of which stay live (the index), and with the JVM's small
 * default starting heap G1 resizes and collects more often. {@code -jvmArgsAppend "-Dx"} replaces
 * the setting, to measure JVM defaults.
 */
@Fork(jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class AggregationBench {
    private static final int ENTRIES = 1_000_000;
    private static final int BENCHMARKS = 100;
    private static final int MODELS = 20_000;
    private static final int CHANGED_PRS = 256;

    /** The stored reports. */
    @State(Scope.Benchmark)
    public static class Reports {
        @Param({"false", "true"})
        public boolean skewed;

        List<BoardEntry> entries;

        @Setup
        public void setUp() {
            entries = BoardData.generate(ENTRIES, BENCHMARKS, MODELS, skewed, 42);
        }
    }

    /** An index of the stored reports, and PRs of the busiest benchmark to change. */
    @State(Scope.Benchmark)
    public static class Index {
        IndexedBoards boards;
        final List<PrKey> prs = new ArrayList<>();
        final List<List<BoardEntry>> stored = new ArrayList<>();
        boolean[] changed;
        int next;
        Instant clock;

        @Setup
        public void setUp(Reports reports) {
            boards = IndexedBoards.of(reports.entries, BoardData.catalog());
            boards.leaderboards();
            Map<PrKey, List<BoardEntry>> byPr = new LinkedHashMap<>();
            String busiest = BoardData.benchmark(0);
            for (BoardEntry e : reports.entries) {
                if (e.datasetId().equals(busiest) && byPr.size() < CHANGED_PRS) {
                    byPr.putIfAbsent(e.prKey(), new ArrayList<>());
                }
            }
            Map<PrKey, List<BoardEntry>> all = new HashMap<>();
            for (BoardEntry e : reports.entries) {
                if (byPr.containsKey(e.prKey())) {
                    all.computeIfAbsent(e.prKey(), k -> new ArrayList<>()).add(e);
                }
            }
            for (PrKey pr : byPr.keySet()) {
                prs.add(pr);
                stored.add(all.get(pr));
            }
            changed = new boolean[prs.size()];
            clock = BoardData.EPOCH.plusSeconds(3L * 365 * 86_400);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SortedMap<String, Leaderboard> full(Reports reports) {
        return new Aggregator(BoardData.catalog()).aggregate(reports.entries);
    }

    /**
     * Alternates each PR between its stored reports and a changed version (so the index keeps its
     * size), every change stamped with a new time as the store would. Building the new versions
     * of the PR's few reports is part of the measured time.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void onePrChange(Index index, Blackhole bh) {
        int i = index.next;
        index.next = (i + 1) % index.prs.size();
        index.changed[i] = !index.changed[i];
        index.clock = index.clock.plusSeconds(1);
        List<BoardEntry> version = new ArrayList<>();
        for (BoardEntry e : index.stored.get(i)) {
            version.add(changed(e, index.changed[i], i, index.clock));
        }
        for (String benchmarkId : index.boards.replace(index.prs.get(i), version)) {
            bh.consume(index.boards.leaderboard(benchmarkId));
        }
    }

    /** A new version of a stored report: another value, another state, stored now. */
    private static BoardEntry changed(BoardEntry e, boolean change, int n, Instant now) {
        PrState state = !change ? e.prState() : n % 3 == 0 ? PrState.CLOSED : PrState.MERGED;
        BoardEntry v = new BoardEntry(e.modelRepo(), e.datasetId(), e.taskId(), e.value() + (change ? 1.5 : 0),
                e.tier(), e.date(), now, e.notes(), e.sourceUrl(), e.sourceName(), e.platform(), e.prNumber(),
                e.prState(), e.approved(), e.rejected(), e.hidden(), e.file(), e.line());
        return v.withState(state, now);
    }
}
