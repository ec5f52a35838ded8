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

    // Written out: the generated record methods are slower, and these run once per report in a build.
    @Override
    public int hashCode() {
        return 31 * platform.hashCode() + modelRepo.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof ModelKey k && modelRepo.equals(k.modelRepo) && platform.equals(k.platform));
    }

    @Override
    public int compareTo(ModelKey o) {
        int c = modelRepo.compareTo(o.modelRepo);
        return c != 0 ? c : platform.compareTo(o.platform);
    }
}
