package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's reports by model, its ranked rows and totals. A change queues only the models it
 * touched; the next {@link #board} takes each one's old contribution out (binary search, array
 * shift, counters) and puts its new one in, so one PR costs O(log models) comparisons plus array
 * copies, never a walk over the other models.
 *
 * <p>New reports wait in {@code incoming} until the slot is next read: a full build then groups
 * one task at a time, while that task's map is hot in the cache, instead of scattering a million
 * inserts over every task's map.
 */
final class TaskSlot {
    private final String benchmarkId;
    private final String taskId;
    private boolean lowerIsBetter;
    private final Membership membership;
    private final List<BoardEntry> incoming = new ArrayList<>();
    private Map<ModelKey, ModelSlot> models = new HashMap<>();
    /** Models changed since the last board; also the ones emptied and already unmapped. */
    private final List<ModelSlot> dirty = new ArrayList<>();
    /** New slot, or the direction changed: rank every model from scratch. */
    private boolean allDirty = true;
    private final SortedRows rows = new SortedRows();
    private final int[] counts = new int[3];
    private int excluded;
    private Instant lastChange;
    private boolean lastChangeStale;
    private TaskBoard board;

    TaskSlot(String benchmarkId, String taskId, boolean lowerIsBetter, Membership membership) {
        this.benchmarkId = benchmarkId;
        this.taskId = taskId;
        this.lowerIsBetter = lowerIsBetter;
        this.membership = membership;
    }

    String benchmarkId() {
        return benchmarkId;
    }

    String taskId() {
        return taskId;
    }

    /** @return true when nothing was waiting before, i.e. the caller should remember to flush */
    boolean queue(BoardEntry e) {
        incoming.add(e);
        board = null;
        return incoming.size() == 1;
    }

    void flush() {
        if (models.isEmpty() && incoming.size() > 12) {
            // A first bulk load: size the map once instead of rehashing it as it grows.
            models = new HashMap<>(incoming.size() * 4 / 3 + 1);
        }
        for (BoardEntry e : incoming) {
            ModelSlot slot = models.computeIfAbsent(e.modelKey(), ModelSlot::new);
            slot.add(e);
            touch(slot);
        }
        incoming.clear();
    }

    /** @return how many reports of {@code pr} were removed */
    int removePr(PrKey pr) {
        flush();
        ModelSlot slot = models.get(pr.model());
        int removed = slot == null ? 0 : slot.removePr(pr.number());
        if (removed > 0) {
            if (slot.isEmpty()) {
                models.remove(slot.key);
            }
            touch(slot);
        }
        return removed;
    }

    List<BoardEntry> reportsOf(PrKey pr) {
        flush();
        ModelSlot slot = models.get(pr.model());
        return slot == null ? List.of() : slot.reportsOf(pr.number());
    }

    boolean isEmpty() {
        return models.isEmpty() && incoming.isEmpty();
    }

    /** Tells {@code to} every model that has a row as of the last ranking. */
    void rowsAsRanked(Membership to) {
        rows.forEachModel(to::join);
    }

    /** A changed direction ranks every model again. */
    void direction(boolean lower) {
        if (lower != lowerIsBetter) {
            lowerIsBetter = lower;
            allDirty = true;
            board = null;
        }
    }

    TaskBoard board() {
        if (board != null) {
            return board;
        }
        flush();
        if (allDirty) {
            rankAll();
        } else {
            rankChanged();
        }
        for (ModelSlot slot : dirty) {
            slot.dirty = false;
        }
        dirty.clear();
        allDirty = false;
        if (lastChangeStale) {
            lastChange = null;
            models.values().forEach(s -> lastChange = later(lastChange, s.lastChange));
            lastChangeStale = false;
        }
        Map<Tier, Integer> byTier = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            byTier.put(t, counts[t.ordinal()]);
        }
        board = new TaskBoard(taskId, lowerIsBetter, rows.snapshot(), byTier, excluded, lastChange);
        return board;
    }

    private void touch(ModelSlot slot) {
        board = null;
        // While everything is stale only emptied slots need remembering: the rest are in the map.
        if (slot.dirty || (allDirty && !slot.isEmpty())) {
            return;
        }
        slot.dirty = true;
        dirty.add(slot);
    }

    private void rankAll() {
        for (ModelSlot slot : dirty) {
            if (slot.isEmpty() && slot.hasRow()) {
                membership.leave(slot.key);
            }
        }
        counts[0] = counts[1] = counts[2] = excluded = 0;
        lastChange = null;
        List<ModelSlot> ranked = new ArrayList<>(models.size());
        for (ModelSlot slot : models.values()) {
            boolean had = slot.hasRow();
            slot.resolve(lowerIsBetter);
            add(slot);
            if (slot.hasRow()) {
                ranked.add(slot);
            }
            membershipChange(slot.key, had, slot.hasRow());
        }
        ranked.sort(Ranking.slots(lowerIsBetter));
        rows.rebuild(ranked);
    }

    private void rankChanged() {
        for (ModelSlot slot : dirty) {
            boolean had = slot.hasRow();
            if (slot.ranked) {
                // Out with the old contribution, while the slot still holds it.
                subtract(slot);
                if (had) {
                    rows.remove(slot, lowerIsBetter);
                }
            }
            slot.resolve(lowerIsBetter);
            if (slot.ranked) {
                add(slot);
                if (slot.hasRow()) {
                    rows.insert(slot, lowerIsBetter);
                }
            }
            membershipChange(slot.key, had, slot.hasRow());
        }
    }

    private void membershipChange(ModelKey model, boolean had, boolean has) {
        if (had && !has) {
            membership.leave(model);
        } else if (has && !had) {
            membership.join(model);
        }
    }

    private void add(ModelSlot s) {
        counts[0] += s.verified;
        counts[1] += s.author;
        counts[2] += s.community;
        excluded += s.excluded;
        lastChange = later(lastChange, s.lastChange);
    }

    private void subtract(ModelSlot s) {
        counts[0] -= s.verified;
        counts[1] -= s.author;
        counts[2] -= s.community;
        excluded -= s.excluded;
        // A maximum cannot be taken back; recompute it if the one leaving held it.
        if (lastChange != null && !s.lastChange.isBefore(lastChange)) {
            lastChangeStale = true;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
