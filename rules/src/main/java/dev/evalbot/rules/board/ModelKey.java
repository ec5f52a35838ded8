package dev.evalbot.rules.board;

import java.util.Objects;

/**
 * Who a leaderboard row belongs to. The platform is part of it: {@code foo/bar} on GitHub and on
 * the Hub may be different owners, and one must not lend its results to the other's row.
 */
public record ModelKey(String platform, String modelRepo) implements Comparable<ModelKey> {
    public ModelKey {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(modelRepo, "modelRepo");
    }

    @Override
    public int compareTo(ModelKey o) {
        int c = modelRepo.compareTo(o.modelRepo);
        return c != 0 ? c : platform.compareTo(o.platform);
    }
}
