package dev.evalbot.rules.board;

import java.util.Objects;

/**
 * The unit of change: one pull request of one model repository. PR numbers are per repository and
 * per platform, hence all three parts. {@code number} 0 stands for entries on main without a PR.
 */
public record PrKey(String platform, String modelRepo, int number) {
    public PrKey {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(modelRepo, "modelRepo");
    }

    public ModelKey model() {
        return new ModelKey(platform, modelRepo);
    }
}
