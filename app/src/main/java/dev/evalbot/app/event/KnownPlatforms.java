package dev.evalbot.app.event;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The platforms this process knows, in the order they are listed: what the boards, the routes, the
 * metrics and the CLI loop over instead of spelling platforms. The first listed is the default
 * where a request does not name its platform.
 */
public final class KnownPlatforms {
    private final List<KnownPlatform> platforms;

    private KnownPlatforms(List<KnownPlatform> platforms) {
        this.platforms = platforms;
    }

    /** @throws IllegalArgumentException when the list is empty or names a platform twice */
    public static KnownPlatforms of(List<? extends KnownPlatform> platforms) {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("no platform is known");
        }
        Set<PlatformId> seen = new HashSet<>();
        for (KnownPlatform p : platforms) {
            if (!seen.add(p.id())) {
                throw new IllegalArgumentException("platform " + p.id().code() + " is listed twice");
            }
        }
        return new KnownPlatforms(List.copyOf(platforms));
    }

    public List<KnownPlatform> all() {
        return platforms;
    }

    public List<PlatformId> ids() {
        return platforms.stream().map(KnownPlatform::id).toList();
    }

    /** The codes in order, as people type them: {@code github}, {@code hub}. */
    public List<String> codes() {
        return platforms.stream().map(p -> p.id().code()).toList();
    }

    /** The platform a request means when it names none. */
    public PlatformId first() {
        return platforms.get(0).id();
    }

    /** The platform with this code, or empty when the code is unknown or malformed. */
    public Optional<KnownPlatform> find(String code) {
        return platforms.stream().filter(p -> p.id().code().equals(code)).findFirst();
    }

    public boolean knows(String code) {
        return find(code).isPresent();
    }
}
