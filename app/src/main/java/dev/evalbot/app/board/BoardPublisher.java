package dev.evalbot.app.board;

import dev.evalbot.rules.board.Leaderboard;

/** Somewhere a refreshed leaderboard goes besides the built-in pages; called only when it changed. */
@FunctionalInterface
public interface BoardPublisher {
    void publish(Leaderboard board, String json);
}
