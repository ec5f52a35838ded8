package dev.evalbot.rules.check;

import java.util.List;

/**
 * One check on where a valid entry would rank on its leaderboard. Needs the leaderboards, so it
 * runs where they are (the server's review), not in {@code evalbot validate}. Stateless.
 */
public interface PlacementRule {
    List<RuleCode> codes();

    void check(PlacedEntry entry, FindingSink sink);
}
