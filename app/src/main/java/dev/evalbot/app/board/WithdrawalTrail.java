package dev.evalbot.app.board;

import dev.evalbot.rules.board.PrKey;
import dev.evalbot.rules.board.WithdrawalEvent;
import java.util.List;

/** The steps that took a pull request's reports off the leaderboards, or put them back. */
@FunctionalInterface
public interface WithdrawalTrail {
    WithdrawalTrail NONE = pr -> List.of();

    List<WithdrawalEvent> events(PrKey pr);
}
