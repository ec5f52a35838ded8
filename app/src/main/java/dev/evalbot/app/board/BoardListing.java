package dev.evalbot.app.board;

import dev.evalbot.rules.board.BoardSummary;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import java.util.Comparator;
import java.util.Locale;

/**
 * One benchmark's line on the index: its shown name, its summary and its leader (the first row of
 * its first task with a ranked model). Summary and leader are null for a board not read since
 * start; the server reads each board once in the background after it is ready.
 */
public record BoardListing(String benchmarkId, String name, BoardSummary summary, String leaderTask, Row leader) {
    /** By the name shown, case-insensitively, then by id: what the index's "Benchmark ▲" says. */
    public static final Comparator<BoardListing> BY_NAME = Comparator
            .comparing((BoardListing l) -> l.name().toLowerCase(Locale.ROOT)).thenComparing(BoardListing::name)
            .thenComparing(BoardListing::benchmarkId);

    /** @param name the display name from eval.yaml, or null to show the id */
    public static BoardListing of(String benchmarkId, String name, Leaderboard board) {
        String shown = name != null && !name.isBlank() ? name : benchmarkId;
        if (board == null) {
            return new BoardListing(benchmarkId, shown, null, null, null);
        }
        for (TaskBoard t : board.tasks()) {
            if (!t.rows().isEmpty()) {
                return new BoardListing(benchmarkId, shown, board.summary(), t.taskId(), t.rows().get(0));
            }
        }
        return new BoardListing(benchmarkId, shown, board.summary(), null, null);
    }

    public boolean named() {
        return !name.equals(benchmarkId);
    }
}
