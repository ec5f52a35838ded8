package dev.evalbot.rules.board;

import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One task's reports by model, its ranked rows and totals. A change queues only the models it
 * touched; the next {@link #board} takes each one's old contribution out (binary search, array
 * shift, counters) and puts its new one in, so one PR costs O(log models) comparisons plus array
 * copies, never a walk over the other models.
 *
 * <p>New reports wait in {@code incoming} until the slot is next read: a full build then groups
 * one task at a time, while that task's table is hot in the cache, instead of scattering a million
 * inserts over every task's table. A slot whose last report went stays in the table until the
 * next ranking takes its row out, so that the rows and the table agree in between.
 */
final class TaskSlot {
    private final String benchmarkId;
    private final String taskId;
    private boolean lowerIsBetter;
    private final Membership membership;
    private final List<BoardEntry> incoming = new ArrayList<>();
    private ModelTable models = new ModelTable(0);
    /** Slots with at least one report. */
    private int populated;
    /** Slots changed since the last ranking (unless everything is to be ranked anyway). */
    private final List<ModelSlot> dirty = new ArrayList<>();
    /** New task, or the direction changed: rank every model from scratch. */
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
        if (models.size() == 0 && incoming.size() > 8) {
            // A first bulk load: size the table once instead of growing it step by step.
            models = new ModelTable(incoming.size());
        }
        for (BoardEntry e : incoming) {
            ModelSlot slot = models.getOrCreate(e.platform(), e.modelRepo());
            if (slot.isEmpty()) {
                populated++;
            }
            slot.add(e);
            touch(slot);
        }
        incoming.clear();
    }

    /** @return how many reports of {@code pr} were removed */
    int removePr(PrKey pr) {
        flush();
        ModelSlot slot = models.get(pr.platform(), pr.modelRepo());
        int removed = slot == null ? 0 : slot.removePr(pr.number());
        if (removed > 0) {
            if (slot.isEmpty()) {
                populated--;
            }
            touch(slot);
        }
        return removed;
    }

    List<BoardEntry> reportsOf(PrKey pr) {
        flush();
        ModelSlot slot = models.get(pr.platform(), pr.modelRepo());
        return slot == null ? List.of() : slot.reportsOf(pr.number());
    }

    /** No report left (its rows may still need taking out: see {@link #board}). */
    boolean isEmpty() {
        return populated == 0 && incoming.isEmpty();
    }

    /** Whether the model has a row as of the last ranking. */
    boolean hasRow(ModelSlot model) {
        ModelSlot mine = models.get(model.platform, model.repo);
        return mine != null && mine.hasRow();
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
            models.forEach(s -> lastChange = later(lastChange, s.lastChange));
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
        if (!slot.dirty && !allDirty) {
            slot.dirty = true;
            dirty.add(slot);
        }
    }

    private void rankAll() {
        counts[0] = counts[1] = counts[2] = excluded = 0;
        lastChange = null;
        List<ModelSlot> ranked = new ArrayList<>(models.size());
        List<ModelSlot> emptied = new ArrayList<>();
        models.forEach(slot -> {
            boolean had = slot.hasRow();
            slot.resolve(lowerIsBetter);
            add(slot);
            if (slot.hasRow()) {
                ranked.add(slot);
            }
            membershipChange(slot, had);
            if (slot.isEmpty()) {
                emptied.add(slot);
            }
        });
        emptied.forEach(models::remove);
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
            membershipChange(slot, had);
            if (slot.isEmpty()) {
                models.remove(slot);
            }
        }
    }

    private void membershipChange(ModelSlot slot, boolean had) {
        boolean has = slot.hasRow();
        if (had && !has) {
            membership.leave(this, slot);
        } else if (has && !had) {
            membership.join(this, slot);
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
