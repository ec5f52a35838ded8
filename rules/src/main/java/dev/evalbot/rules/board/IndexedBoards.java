package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every stored report indexed by benchmark, task and model, with each leaderboard cached until a
 * change touches it. Replacing one PR's reports queues only the models and tasks it touched; the
 * next {@link #leaderboard} takes their old rows out and puts the new ones in, without walking the
 * other models (see {@link Aggregator} for the ranking rules; both give equal results).
 *
 * <p>Not thread-safe: meant to have one writer (the leaderboard refresher), which publishes the
 * {@link Leaderboard} values it reads. Those are immutable and safe to share with any reader.
 * Lazy on purpose: a burst of PR changes costs one recomputation per task when it is next read.
 */
public final class IndexedBoards {
    private static final Comparator<BoardEntry> POSITION = Comparator.comparing(BoardEntry::datasetId)
            .thenComparing(BoardEntry::taskId).thenComparing(BoardEntry::file).thenComparingInt(BoardEntry::line);

    private TaskCatalog catalog;
    private final Map<String, BenchmarkSlot> benchmarks = new HashMap<>();
    /** Tasks with reports queued but not yet grouped by model. */
    private final List<TaskSlot> pending = new ArrayList<>();
    private int size;

    public IndexedBoards(TaskCatalog catalog) {
        this.catalog = catalog;
    }

    /** An index of {@code entries}, e.g. everything in the store at start-up. */
    public static IndexedBoards of(Collection<BoardEntry> entries, TaskCatalog catalog) {
        IndexedBoards boards = new IndexedBoards(catalog);
        entries.forEach(boards::queue);
        return boards;
    }

    /**
     * Makes {@code entries} the whole contribution of {@code pr}: its previous reports go, these
     * come in (an empty collection removes the PR). State changes (merge, close, hide, reject)
     * are replacements too, with the entries' new state.
     *
     * @return ids of the benchmarks whose leaderboards changed
     * @throws IllegalArgumentException when an entry does not belong to {@code pr}
     */
    public SortedSet<String> replace(PrKey pr, Collection<BoardEntry> entries) {
        for (BoardEntry e : entries) {
            if (e.prNumber() != pr.number() || !e.modelRepo().equals(pr.modelRepo())
                    || !e.platform().equals(pr.platform())) {
                throw new IllegalArgumentException("entry of " + e.prKey() + " given as part of " + pr);
            }
        }
        flush();
        SortedSet<String> affected = new TreeSet<>();
        // One table probe per task finds the PR's old reports: tasks number in the hundreds or
        // thousands, and a per-PR or per-model index would cost a probe per report to build.
        for (BenchmarkSlot benchmark : List.copyOf(benchmarks.values())) {
            for (TaskSlot task : benchmark.tasks()) {
                int removed = task.removePr(pr);
                if (removed > 0) {
                    size -= removed;
                    affected.add(task.benchmarkId());
                    benchmark.changed(task);
                }
            }
            if (benchmark.isEmpty()) {
                benchmarks.remove(benchmark.id());
            }
        }
        for (BoardEntry e : entries) {
            queue(e);
            affected.add(e.datasetId());
        }
        return Collections.unmodifiableSortedSet(affected);
    }

    /**
     * Adds one report, replacing nothing: for reading a store's reports one at a time (the
     * reports of one pull request must all be added before any {@link #replace} of it).
     */
    public void add(BoardEntry e) {
        queue(e);
    }

    /** Same as replacing {@code pr} with nothing. */
    public SortedSet<String> remove(PrKey pr) {
        return replace(pr, List.of());
    }

    /** The reports {@code pr} currently contributes (by benchmark, task, file, line), e.g. to re-store them merged. */
    public List<BoardEntry> entries(PrKey pr) {
        flush();
        List<BoardEntry> out = new ArrayList<>();
        for (BenchmarkSlot benchmark : benchmarks.values()) {
            for (TaskSlot task : benchmark.tasks()) {
                out.addAll(task.reportsOf(pr));
            }
        }
        out.sort(POSITION);
        return List.copyOf(out);
    }

    /**
     * Switches to another catalog (an eval.yaml or the config changed). Tasks whose direction
     * changed are ranked again from scratch, the others keep their ranking; every leaderboard is
     * rebuilt on its next read, since the declared task order may have changed too.
     *
     * @return ids of every benchmark, all of which should be read again
     */
    public SortedSet<String> catalog(TaskCatalog next) {
        this.catalog = next;
        benchmarks.values().forEach(slot -> slot.redirect(next));
        return Collections.unmodifiableSortedSet(new TreeSet<>(benchmarks.keySet()));
    }

    public Optional<Leaderboard> leaderboard(String benchmarkId) {
        BenchmarkSlot slot = benchmarks.get(benchmarkId);
        return slot == null ? Optional.empty() : Optional.of(slot.board(catalog));
    }

    /** Every benchmark with at least one stored report, by id. */
    public SortedMap<String, Leaderboard> leaderboards() {
        SortedMap<String, Leaderboard> all = new TreeMap<>();
        benchmarks.forEach((id, slot) -> all.put(id, slot.board(catalog)));
        return Collections.unmodifiableSortedMap(all);
    }

    public List<BoardSummary> summaries() {
        return leaderboards().values().stream().map(Leaderboard::summary).toList();
    }

    /** Number of stored reports, excluded ones included. */
    public int size() {
        return size;
    }

    private void queue(BoardEntry e) {
        BenchmarkSlot benchmark = benchmarks.get(e.datasetId());
        if (benchmark == null) {
            benchmark = new BenchmarkSlot(e.datasetId());
            benchmarks.put(e.datasetId(), benchmark);
        }
        TaskSlot task = benchmark.task(e.taskId(), catalog);
        if (task.queue(e)) {
            pending.add(task);
        }
        size++;
    }

    /** Groups every queued report by model, so that a PR's reports can be found. */
    private void flush() {
        pending.forEach(TaskSlot::flush);
        pending.clear();
    }
}
