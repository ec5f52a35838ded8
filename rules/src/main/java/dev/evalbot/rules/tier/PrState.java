package dev.evalbot.rules.tier;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the pull request that carries an entry stands. Entries found on the main branch without a
 * tracked PR are {@link #MERGED}.
 */
public enum PrState {
    OPEN,
    MERGED,
    /** Closed without merging: the author hid it, or it was abandoned. Off the leaderboard. */
    CLOSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads GitHub's and the Hub's words. The Hub's {@code draft} counts as open: it is a PR that
     * is not merged and not closed, which is what the community tier means.
     */
    public static Optional<PrState> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "open", "draft" -> Optional.of(OPEN);
            case "merged" -> Optional.of(MERGED);
            case "closed" -> Optional.of(CLOSED);
            default -> Optional.empty();
        };
    }
}
