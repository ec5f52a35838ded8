package dev.evalbot.app.board;

import dev.evalbot.rules.board.Aggregator;
import dev.evalbot.rules.board.BoardEntry;
import dev.evalbot.rules.board.Leaderboard;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.time.Instant;
import java.util.List;

/** Test boards: reports on cais/hle (task hle) unless said otherwise. */
final class Boards {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Boards() {}

    static Instant day(int n) {
        return T0.plusSeconds(86_400L * n);
    }

    static BoardEntry report(String model, double value, Tier tier, int day, String notes, String url, String source) {
        return report("hle", model, value, tier, day, notes, url, source);
    }

    static BoardEntry report(String task, String model, double value, Tier tier, int day, String notes, String url,
            String source) {
        PrState state = tier == Tier.COMMUNITY ? PrState.OPEN : PrState.MERGED;
        return new BoardEntry(model, "cais/hle", task, value, tier, day(day), day(day), notes, url, source, "hub",
                tier == Tier.COMMUNITY ? 7 : 0, state, false, false, false, ".eval_results/hle.yaml", 1 + day);
    }

    static BoardEntry simple(String model, double value, Tier tier) {
        return report(model, value, tier, 1, null, "https://example.org/" + model, "paper");
    }

    static Leaderboard board(BoardEntry... entries) {
        return board(TaskCatalog.HIGHER_IS_BETTER, entries);
    }

    static Leaderboard board(TaskCatalog catalog, BoardEntry... entries) {
        return new Aggregator(catalog).aggregate(List.of(entries)).get("cais/hle");
    }
}
