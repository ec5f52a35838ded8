package dev.evalbot.rules.board;

import java.util.Arrays;
import java.util.List;

/**
 * A task's ranked models as parallel arrays: inserting or removing one model is a binary search
 * over the arrays and a shift, ranks come from the primitive array of values, and a snapshot is a
 * copy of arrays, so that a change costs no walk over other models' objects.
 */
final class SortedRows {
    private ModelSlot[] slots = new ModelSlot[8];
    private double[] values = new double[8];
    private BoardEntry[] bests = new BoardEntry[8];
    private Object[] others = new Object[8];
    private int size;

    /** @param sorted slots with a row, in {@link Ranking#slots} order */
    void rebuild(List<ModelSlot> sorted) {
        Arrays.fill(slots, 0, size, null);
        Arrays.fill(bests, 0, size, null);
        Arrays.fill(others, 0, size, null);
        size = 0;
        ensure(sorted.size());
        for (ModelSlot s : sorted) {
            set(size++, s);
        }
    }

    /** Takes out the row of {@code s} as it was ranked (its fields must not have changed since). */
    void remove(ModelSlot s, boolean lowerIsBetter) {
        int at = search(s.value, s.best, lowerIsBetter);
        if (at < 0 || slots[at] != s) {
            throw new IllegalStateException("row of " + s.key() + " not where its order says");
        }
        int tail = size - at - 1;
        System.arraycopy(slots, at + 1, slots, at, tail);
        System.arraycopy(values, at + 1, values, at, tail);
        System.arraycopy(bests, at + 1, bests, at, tail);
        System.arraycopy(others, at + 1, others, at, tail);
        size--;
        slots[size] = null;
        bests[size] = null;
        others[size] = null;
    }

    void insert(ModelSlot s, boolean lowerIsBetter) {
        int at = -search(s.value, s.best, lowerIsBetter) - 1;
        if (at < 0) {
            throw new IllegalStateException("row of " + s.key() + " already present");
        }
        ensure(size + 1);
        int tail = size - at;
        System.arraycopy(slots, at, slots, at + 1, tail);
        System.arraycopy(values, at, values, at + 1, tail);
        System.arraycopy(bests, at, bests, at + 1, tail);
        System.arraycopy(others, at, others, at + 1, tail);
        set(at, s);
        size++;
    }

    /** An immutable copy with competition ranks: equal values share a rank, the next one skips. */
    RankedRows snapshot() {
        int[] ranks = new int[size];
        for (int i = 0; i < size; i++) {
            ranks[i] = i > 0 && Ranking.sameValue(values[i - 1], values[i]) ? ranks[i - 1] : i + 1;
        }
        return new RankedRows(Arrays.copyOf(bests, size), Arrays.copyOf(others, size), ranks);
    }

    private void set(int i, ModelSlot s) {
        slots[i] = s;
        values[i] = s.value;
        bests[i] = s.best;
        others[i] = s.others;
    }

    private int search(double value, BoardEntry best, boolean lowerIsBetter) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Ranking.compareValues(values[mid], value, lowerIsBetter);
            if (c == 0) {
                c = Ranking.rows(lowerIsBetter).compare(bests[mid], best);
            }
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private void ensure(int capacity) {
        if (capacity > slots.length) {
            int next = Math.max(capacity, slots.length * 2);
            slots = Arrays.copyOf(slots, next);
            values = Arrays.copyOf(values, next);
            bests = Arrays.copyOf(bests, next);
            others = Arrays.copyOf(others, next);
        }
    }
}
