package dev.evalbot.app.board;

import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.Row;
import dev.evalbot.rules.board.TaskBoard;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every eligible report on a set of boards, by model repository id: what
 * {@code GET /api/models/{id}?expand=evalResults} lists. Built once per set of boards, so that a
 * request for a model (known or not) is a lookup, not a walk over every board.
 */
final class ModelReports {
    /** The boards it was built from, in order; a different set is a rebuild. */
    private final List<Leaderboard> boards;
    private final Map<String, List<BoardEntry>> byModel = new HashMap<>();

    /** @param boards by benchmark id; reports are kept in this order, then task order, shown report first */
    ModelReports(List<Leaderboard> boards) {
        this.boards = List.copyOf(boards);
        for (Leaderboard board : boards) {
            for (TaskBoard task : board.tasks()) {
                for (Row row : task.rows()) {
                    List<BoardEntry> reports = byModel.computeIfAbsent(row.modelRepo(), m -> new ArrayList<>());
                    reports.add(row.best());
                    reports.addAll(row.others());
                }
            }
        }
    }

    /** Built from exactly these board objects (a refresh makes new ones). */
    boolean builtFrom(List<Leaderboard> current) {
        if (current.size() != boards.size()) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            if (current.get(i) != boards.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** @param platform {@code hub}, {@code github}, or null for both */
    List<BoardEntry> of(String model, String platform) {
        List<BoardEntry> all = byModel.getOrDefault(model, List.of());
        return platform == null ? all : all.stream().filter(e -> e.platform().equals(platform)).toList();
    }
}
