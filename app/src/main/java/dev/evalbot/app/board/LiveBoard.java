package dev.evalbot.app.board;

import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.StoredResult;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.IndexedBoards;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.PrKey;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.board.Withdrawal;
import dev.evalbot.rules.board.WithdrawalEvent;
import dev.evalbot.rules.board.Withdrawals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One benchmark's board as read from the store once and then kept up to date: its reports
 * indexed by task and model ({@link IndexedBoards}), so that a pull request's change replaces that
 * pull request's reports and re-ranks only the models it touched. Catching up reads only the pull
 * requests changed since the last read. {@link #leaderboard()} is an immutable snapshot, safe to
 * share; {@link #sync} has one caller at a time.
 */
final class LiveBoard {
    /**
     * How far back a catch-up looks before its previous read: a write stamps its time before it
     * commits, so one that committed just after a read may carry an earlier time. Re-reading a pull
     * request is harmless (its reports are replaced as a whole).
     */
    static final long SYNC_OVERLAP_MS = 10_000;

    private final String benchmarkId;
    private final IndexedBoards index;
    /**
     * Withdrawn (not eligible) reports by pull request, each explained from the audit trail once:
     * a catch-up asks the trail only about the pull requests that changed.
     */
    private final Map<PrKey, List<Withdrawal>> withdrawn = new HashMap<>();
    private long readFrom;
    /** The pull requests read in the overlap window, with the change read: not read again unless changed again. */
    private final Map<PullRef, Long> recent = new HashMap<>();
    private volatile Snapshot snapshot;

    /** What readers see; the first page's renderings are made once, on first request. */
    record Snapshot(Leaderboard leaderboard, Map<String, List<Withdrawal>> withdrawn, int reports,
            BoardService.Rendered[] firstPages) {}

    private LiveBoard(String benchmarkId, IndexedBoards index, long readFrom) {
        this.benchmarkId = benchmarkId;
        this.index = index;
        this.readFrom = readFrom;
    }

    /** Reads the benchmark's reports from the store; empty when it has none with a task. */
    static Optional<LiveBoard> load(String benchmarkId, ResultStore results, TaskCatalog catalog, WithdrawalTrail trail,
            long now) {
        Loader loader = results.readByDataset(benchmarkId, () -> new Loader(catalog));
        LiveBoard board = new LiveBoard(benchmarkId, loader.index, now);
        loader.excluded.forEach((pr, entries) -> board.explain(pr, entries, trail));
        return board.publish() ? Optional.of(board) : Optional.empty();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    Leaderboard leaderboard() {
        return snapshot.leaderboard();
    }

    /** Reports held, excluded ones included: the weight of this board in the cache. */
    int weight() {
        return Math.max(1, snapshot.reports());
    }

    /**
     * Replaces the reports of every pull request changed since the last read.
     *
     * @return false when the benchmark has no board any more
     */
    synchronized boolean sync(ResultStore results, WithdrawalTrail trail, long now) {
        long from = readFrom - SYNC_OVERLAP_MS;
        recent.values().removeIf(at -> at < from);
        for (ResultStore.ChangedPull changed : results.pullsChangedSince(from)) {
            PullRef pull = changed.pull();
            if (Long.valueOf(changed.updatedAt()).equals(recent.put(pull, changed.updatedAt()))) {
                continue;
            }
            PrKey key = new PrKey(pull.platform().code(), pull.repo(), pull.number());
            List<BoardEntry> mine = new ArrayList<>();
            List<BoardEntry> off = new ArrayList<>();
            for (StoredResult r : results.byPull(pull)) {
                if (benchmarkId.equals(r.entry().datasetId()) && StoredEntries.hasTask(r)) {
                    BoardEntry e = StoredEntries.toBoardEntry(r);
                    mine.add(e);
                    if (!e.eligible()) {
                        off.add(e);
                    }
                }
            }
            index.replace(key, mine);
            explain(key, off, trail);
        }
        readFrom = now;
        return publish();
    }

    private void explain(PrKey pr, List<BoardEntry> off, WithdrawalTrail trail) {
        if (off.isEmpty()) {
            withdrawn.remove(pr);
            return;
        }
        List<WithdrawalEvent> events = trail.events(pr);
        withdrawn.put(pr, off.stream().map(e -> Withdrawals.explain(e, events)).toList());
    }

    private boolean publish() {
        Optional<Leaderboard> board = index.leaderboard(benchmarkId);
        if (board.isEmpty()) {
            return false;
        }
        Map<String, List<Withdrawal>> byTask = new TreeMap<>();
        for (List<Withdrawal> list : withdrawn.values()) {
            for (Withdrawal w : list) {
                byTask.computeIfAbsent(w.entry().taskId(), t -> new ArrayList<>()).add(w);
            }
        }
        byTask.replaceAll((t, list) -> {
            list.sort(Withdrawals.ORDER);
            return List.copyOf(list);
        });
        snapshot = new Snapshot(board.get(), byTask, index.size(), new BoardService.Rendered[2]);
        return true;
    }

    /** Feeds store rows into a fresh index, sharing the strings repeated across rows. */
    private static final class Loader implements Consumer<StoredResult> {
        final IndexedBoards index;
        final Map<PrKey, List<BoardEntry>> excluded = new HashMap<>();
        private final Map<String, String> strings = new HashMap<>();

        Loader(TaskCatalog catalog) {
            this.index = new IndexedBoards(catalog);
        }

        @Override
        public void accept(StoredResult r) {
            if (!StoredEntries.hasTask(r)) {
                return;
            }
            BoardEntry e = StoredEntries.toBoardEntry(r, this::shared);
            if (!e.eligible()) {
                excluded.computeIfAbsent(e.prKey(), k -> new ArrayList<>()).add(e);
            }
            index.add(e);
        }

        private String shared(String s) {
            if (s == null) {
                return null;
            }
            String seen = strings.putIfAbsent(s, s);
            return seen != null ? seen : s;
        }
    }
}
