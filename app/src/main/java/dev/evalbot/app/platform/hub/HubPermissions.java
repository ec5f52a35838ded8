package dev.evalbot.app.platform.hub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Who may steer evalbot on a Hub repository: the repository's owner (the user whose namespace it
 * is), or a member of the owning organisation whose role is {@code write} or {@code admin}.
 *
 * <p>Assumption, as the Hub does not document a "permission of user on repo" call: an
 * organisation's roles come from {@code GET /api/organizations/{org}/members} (see
 * {@link HubOrgMembers}); a member whose role the Hub does not show is refused (fail closed).
 * The lookup is injectable so a deployment can swap in another source. Answers are cached for
 * {@value #CACHE_SECONDS} s, so a burst of commands costs one lookup per organisation.
 */
final class HubPermissions {
    static final int CACHE_SECONDS = 60;
    private static final Set<String> STEERING_ROLES = Set.of("write", "admin");

    /** The roles in an organisation, by lower-case user name; empty when the namespace is not an organisation. */
    @FunctionalInterface
    public interface RoleLookup {
        Map<String, String> roles(String organisation);
    }

    private final RoleLookup lookup;
    private final Cache<String, Map<String, String>> roles;

    public HubPermissions(RoleLookup lookup, Clock clock) {
        this.lookup = lookup;
        this.roles = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** Over the Hub's members listing. */
    public HubPermissions(HubSettings settings, HttpClient http, MeterRegistry meters, Clock clock) {
        this(new HubOrgMembers(settings, http, meters, clock), clock);
    }

    /**
     * @param repo {@code owner/name}
     * @param user a Hub user name
     * @throws dev.evalbot.app.review.PlatformException when the Hub cannot be asked now
     */
    public boolean allowed(String repo, String user) {
        if (repo == null || user == null || user.isBlank() || !repo.contains("/")) {
            return false;
        }
        String namespace = repo.substring(0, repo.indexOf('/'));
        if (namespace.equalsIgnoreCase(user)) {
            return true;
        }
        // A failed lookup throws and is not cached: the next command asks again.
        Map<String, String> members = roles.get(namespace.toLowerCase(Locale.ROOT), lookup::roles);
        String role = members.get(user.toLowerCase(Locale.ROOT));
        return role != null && STEERING_ROLES.contains(role.toLowerCase(Locale.ROOT));
    }
}
