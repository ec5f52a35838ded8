package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.util.Objects;

/**
 * One pull request (GitHub) or PR discussion (Hub).
 *
 * @param repo {@code owner/name}
 * @param number the pull request number; 0 stands for the default branch (merged or backfilled results)
 */
public record PullRef(PlatformId platform, String repo, int number) {
    public PullRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(repo, "repo");
        if (number < 0) {
            throw new IllegalArgumentException("pull request number must not be negative");
        }
    }

    /** The inbox's subject key for this pull request, e.g. {@code github:owner/repo#12}. */
    public String subject() {
        return platform.code() + ":" + repo + "#" + number;
    }
}
