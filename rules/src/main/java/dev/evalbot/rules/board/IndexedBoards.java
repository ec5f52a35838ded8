package dev.evalbot.rules.board;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every stored report indexed by benchmark, task and model, with each leaderboard cached until a
 * change touches it. Replacing one PR's reports marks only the models and tasks it touched; the
 * next {@link #leaderboard} re-resolves those and merges them into the previous ranking.
 *
 * <p>Not thread-safe: meant to have one writer (the leaderboard refresher), which publishes the
 * {@link Leaderboard} values it gets. Those are immutable and safe to share with any reader.
 * Lazy on purpose: a burst of PR changes costs one recomputation per task when it is next read.
 */
public final class IndexedBoards {
    private TaskCatalog catalog;
    private final Map<String, BenchmarkSlot> benchmarks = new HashMap<>();
    /** What each PR contributed, so that replacing it knows where its old reports lie. */
    private final Map<PrKey, List<BoardEntry>> byPr = new HashMap<>();
    private int size;

    public IndexedBoards(TaskCatalog catalog) {
        this.catalog = catalog;
    }

    /** An index of {@code entries}, e.g. everything in the store at start-up. */
    public static IndexedBoards of(Collection<BoardEntry> entries, TaskCatalog catalog) {
        IndexedBoards boards = new IndexedBoards(catalog);
        for (BoardEntry e : entries) {
            boards.byPr.computeIfAbsent(e.prKey(), k -> new ArrayList<>()).add(e);
            boards.add(e);
        }
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
        SortedSet<String> affected = new TreeSet<>();
        List<BoardEntry> old = byPr.remove(pr);
        if (old != null) {
            removeAll(pr, old, affected);
        }
        if (!entries.isEmpty()) {
            byPr.put(pr, new ArrayList<>(entries));
            for (BoardEntry e : entries) {
                add(e);
                affected.add(e.datasetId());
            }
        }
        return Collections.unmodifiableSortedSet(affected);
    }

    /** Same as replacing {@code pr} with nothing. */
    public SortedSet<String> remove(PrKey pr) {
        return replace(pr, List.of());
    }

    /** The reports {@code pr} currently contributes, e.g. to re-store them merged or closed. */
    public List<BoardEntry> entries(PrKey pr) {
        return List.copyOf(byPr.getOrDefault(pr, List.of()));
    }

    /**
     * Switches to another catalog (an eval.yaml or the config changed). Tasks whose direction
     * changed are ranked again from scratch.
     *
     * @return ids of the benchmarks whose rankings changed
     */
    public SortedSet<String> catalog(TaskCatalog next) {
        this.catalog = next;
        SortedSet<String> affected = new TreeSet<>();
        benchmarks.forEach((id, slot) -> {
            if (slot.redirect(next)) {
                affected.add(id);
            }
        });
        return Collections.unmodifiableSortedSet(affected);
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

    private void add(BoardEntry e) {
        benchmarks.computeIfAbsent(e.datasetId(), BenchmarkSlot::new).task(e.taskId(), catalog)
                .add(e.modelKey(), e);
        size++;
    }

    private void removeAll(PrKey pr, List<BoardEntry> old, Set<String> affected) {
        Set<String> seen = new HashSet<>();
        for (BoardEntry e : old) {
            size--;
            if (!seen.add(e.datasetId() + '\n' + e.taskId())) {
                continue;
            }
            BenchmarkSlot benchmark = benchmarks.get(e.datasetId());
            TaskSlot task = benchmark.existingTask(e.taskId());
            task.removePr(pr);
            benchmark.dropIfEmpty(task);
            if (benchmark.isEmpty()) {
                benchmarks.remove(e.datasetId());
            }
            affected.add(e.datasetId());
        }
    }
}
