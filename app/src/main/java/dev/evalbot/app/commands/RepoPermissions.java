package dev.evalbot.app.commands;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.event.PullRequestRef;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The platform's answer ({@code write}, {@code maintain} or {@code admin} on the repository) decides;
 * on the Hub, {@link dev.evalbot.app.platform.hub.HubCommandPlatform} answers {@code write} for the
 * owner and organisation members with the write or admin role.
 * Answers are cached (keyed by repository and login) so that a burst of commands costs one call;
 * the short lifetime bounds how long a revoked collaborator keeps their power.
 */
public final class RepoPermissions implements Permissions {
    /** GitHub reports {@code maintain} as {@code write} in {@code permission}; both are listed in case it does not. */
    static final Set<String> MAINTAINING = Set.of("admin", "maintain", "write");

    private final CommandPlatform github;
    private final Cache<String, Boolean> answers;

    public RepoPermissions(CommandPlatform github, Duration ttl, Clock clock) {
        this.github = github;
        this.answers = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    @Override
    public boolean maintains(PullRequestRef pr, String login) {
        String key = pr.repo().toLowerCase(Locale.ROOT) + "\n" + login.toLowerCase(Locale.ROOT);
        return answers.get(key, k -> MAINTAINING.contains(github.permission(pr, login).toLowerCase(Locale.ROOT)));
    }
}
