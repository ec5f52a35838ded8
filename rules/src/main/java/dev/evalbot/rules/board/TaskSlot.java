package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task's reports by model, and its board. A change marks only the models it touched; the next
 * {@link #board()} re-resolves those models and merges them into the previous ranked rows, so one
 * PR costs O(models on the task) with a small constant instead of a sort of the whole task.
 */
final class TaskSlot {
    private final String taskId;
    private boolean lowerIsBetter;
    private final Map<ModelKey, ModelSlot> models = new HashMap<>();
    private final Set<ModelKey> dirty = new HashSet<>();
    /** Everything is stale (new slot, or the direction changed): rank from scratch. */
    private boolean allDirty = true;
    private List<Row> rows = List.of();
    private TaskBoard board;

    TaskSlot(String taskId, boolean lowerIsBetter) {
        this.taskId = taskId;
        this.lowerIsBetter = lowerIsBetter;
    }

    String taskId() {
        return taskId;
    }

    void add(ModelKey model, BoardEntry e) {
        models.computeIfAbsent(model, k -> new ModelSlot()).add(e);
        touch(model);
    }

    void removePr(PrKey pr) {
        ModelKey model = pr.model();
        ModelSlot slot = models.get(model);
        if (slot == null) {
            return;
        }
        slot.removePr(pr);
        if (slot.isEmpty()) {
            models.remove(model);
        }
        touch(model);
    }

    boolean isEmpty() {
        return models.isEmpty();
    }

    /** @return true when the direction changed (the board must be ranked again) */
    boolean direction(boolean lower) {
        if (lower == lowerIsBetter) {
            return false;
        }
        lowerIsBetter = lower;
        models.values().forEach(ModelSlot::invalidate);
        allDirty = true;
        board = null;
        return true;
    }

    TaskBoard board() {
        if (board == null) {
            rows = rank();
            board = totals(rows);
            rows = board.rows();
            dirty.clear();
            allDirty = false;
        }
        return board;
    }

    private void touch(ModelKey model) {
        if (!allDirty) {
            dirty.add(model);
        }
        board = null;
    }

    private List<Row> rank() {
        List<ModelResult> fresh = new ArrayList<>();
        Iterable<ModelKey> changed = allDirty ? models.keySet() : dirty;
        for (ModelKey key : changed) {
            ModelSlot slot = models.get(key);
            if (slot != null) {
                ModelResult r = slot.result(lowerIsBetter);
                if (r.best() != null) {
                    fresh.add(r);
                }
            }
        }
        Comparator<BoardEntry> order = Ranking.rows(lowerIsBetter);
        fresh.sort((a, b) -> order.compare(a.best(), b.best()));
        List<Row> previous = allDirty ? List.of() : rows;

        List<Row> out = new ArrayList<>(previous.size() + fresh.size());
        int i = 0;
        int j = 0;
        BoardEntry last = null;
        int lastRank = 0;
        while (i < previous.size() || j < fresh.size()) {
            Row old = i < previous.size() ? previous.get(i) : null;
            if (old != null && dirty.contains(old.modelKey())) {
                i++;
                continue;
            }
            ModelResult next = j < fresh.size() ? fresh.get(j) : null;
            boolean takeOld = next == null || (old != null && order.compare(old.best(), next.best()) < 0);
            BoardEntry best = takeOld ? old.best() : next.best();
            int rank = last != null && Ranking.sameValue(last.value(), best.value()) ? lastRank : out.size() + 1;
            if (takeOld) {
                // An unchanged model keeps its Row object when its rank did not move either.
                out.add(old.rank() == rank ? old : new Row(rank, old.modelRepo(), best, old.others()));
                i++;
            } else {
                out.add(new Row(rank, best.modelRepo(), best, next.others()));
                j++;
            }
            last = best;
            lastRank = rank;
        }
        return out;
    }

    private TaskBoard totals(List<Row> ranked) {
        int[] counts = new int[Tier.values().length];
        int excluded = 0;
        Instant lastChange = null;
        for (ModelSlot slot : models.values()) {
            ModelResult r = slot.result(lowerIsBetter);
            for (int t = 0; t < counts.length; t++) {
                counts[t] += r.counts()[t];
            }
            excluded += r.excluded();
            if (lastChange == null || r.lastChange().isAfter(lastChange)) {
                lastChange = r.lastChange();
            }
        }
        Map<Tier, Integer> byTier = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            byTier.put(t, counts[t.ordinal()]);
        }
        return new TaskBoard(taskId, lowerIsBetter, ranked, byTier, excluded, lastChange);
    }
}
