package dev.evalbot.rules.board;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The immutable row list of a {@link TaskBoard}: rows are made on access from arrays the board
 * owns, so that publishing a board after a change copies arrays instead of building a Row per
 * model.
 */
final class RankedRows extends AbstractList<Row> implements RandomAccess {
    private final BoardEntry[] bests;
    /** Each an immutable {@code List<BoardEntry>}. */
    private final Object[] others;
    private final int[] ranks;

    RankedRows(BoardEntry[] bests, Object[] others, int[] ranks) {
        this.bests = bests;
        this.others = others;
        this.ranks = ranks;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Row get(int index) {
        BoardEntry best = bests[index];
        return new Row(ranks[index], best.modelRepo(), best, (List<BoardEntry>) others[index]);
    }

    @Override
    public int size() {
        return bests.length;
    }
}
