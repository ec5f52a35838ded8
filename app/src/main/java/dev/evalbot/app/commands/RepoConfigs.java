package dev.evalbot.app.commands;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.event.PullRequestRef;
import java.time.Clock;
import java.time.Duration;

/**
 * Each repository's {@link RepoConfig}, read once per event and kept for a short while so that
 * a busy pull request does not fetch {@code .evalbot.yml} for every comment.
 */
public final class RepoConfigs {
    private final CommandPlatform platform;
    private final RepoConfigParser parser;
    private final int maxBytes;
    private final Cache<String, RepoConfig> cache;

    public RepoConfigs(CommandPlatform platform, int maxBytes, Duration ttl, Clock clock) {
        this.platform = platform;
        this.parser = new RepoConfigParser(maxBytes);
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    public RepoConfig of(PullRequestRef pr) {
        return cache.get(pr.platform() + ":" + pr.repo(),
                k -> parser.parse(pr.repo(), platform.readRepoConfig(pr, maxBytes)));
    }
}
