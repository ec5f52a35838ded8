package dev.evalbot.rules.board;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A task's ranked models as arrays: inserting or removing one model is a binary search and an
 * array shift, and ranks are computed from a primitive array of values, so that a change costs
 * no walk over other models' objects.
 */
final class SortedRows {
    private ModelResult[] results = new ModelResult[8];
    private double[] values = new double[8];
    private int size;

    void rebuild(List<ModelResult> sorted) {
        size = 0;
        ensure(sorted.size());
        for (ModelResult r : sorted) {
            results[size] = r;
            values[size++] = r.value;
        }
    }

    void remove(ModelResult r, Comparator<ModelResult> order) {
        int at = search(r, order);
        if (at < 0 || results[at] != r) {
            throw new IllegalStateException("row of " + r.key + " not where its order says");
        }
        System.arraycopy(results, at + 1, results, at, size - at - 1);
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        results[--size] = null;
    }

    void insert(ModelResult r, Comparator<ModelResult> order) {
        int at = -search(r, order) - 1;
        if (at < 0) {
            throw new IllegalStateException("row of " + r.key + " already present");
        }
        ensure(size + 1);
        System.arraycopy(results, at, results, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        results[at] = r;
        values[at] = r.value;
        size++;
    }

    void forEachModel(Consumer<ModelKey> action) {
        for (int i = 0; i < size; i++) {
            action.accept(results[i].key);
        }
    }

    /** An immutable copy with competition ranks: equal values share a rank, the next one skips. */
    RankedRows snapshot() {
        int[] ranks = new int[size];
        for (int i = 0; i < size; i++) {
            ranks[i] = i > 0 && Ranking.sameValue(values[i - 1], values[i]) ? ranks[i - 1] : i + 1;
        }
        return new RankedRows(Arrays.copyOf(results, size), ranks);
    }

    private int search(ModelResult r, Comparator<ModelResult> order) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = order.compare(results[mid], r);
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
        if (capacity > results.length) {
            int next = Math.max(capacity, results.length * 2);
            results = Arrays.copyOf(results, next);
            values = Arrays.copyOf(values, next);
        }
    }
}
