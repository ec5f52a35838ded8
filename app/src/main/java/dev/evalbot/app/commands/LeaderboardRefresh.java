package dev.evalbot.app.commands;

/**
 * Asks for the leaderboards a pull request's results feed to be rebuilt (debounced by the
 * integrator's refresher), after a decision changed what they may show.
 */
@FunctionalInterface
public interface LeaderboardRefresh {
    LeaderboardRefresh NONE = (platform, repo, number) -> { };

    void refresh(String platform, String repo, int number);
}
