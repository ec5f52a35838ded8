package dev.evalbot.rules.board;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The immutable row list of a {@link TaskBoard}: rows are made on access from arrays the board
 * owns, so that publishing a board after a change copies two arrays instead of building a Row per
 * model.
 */
final class RankedRows extends AbstractList<Row> implements RandomAccess {
    private final ModelResult[] results;
    private final int[] ranks;

    RankedRows(ModelResult[] results, int[] ranks) {
        this.results = results;
        this.ranks = ranks;
    }

    @Override
    public Row get(int index) {
        ModelResult r = results[index];
        return new Row(ranks[index], r.best.modelRepo(), r.best, r.others);
    }

    @Override
    public int size() {
        return results.length;
    }
}
