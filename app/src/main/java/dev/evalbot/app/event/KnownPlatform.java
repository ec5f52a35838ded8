package dev.evalbot.app.event;

/**
 * What the platform-neutral packages know of one platform: its id, its name, its repositories'
 * pages (each platform's module is one).
 */
public interface KnownPlatform {
    /** Stored with every delivery and pull request of this platform, e.g. {@code github}. */
    PlatformId id();

    /** As people read it, e.g. {@code GitHub}. */
    String label();

    /**
     * The web page of a repository, each path segment percent-encoded.
     *
     * @param repoType {@code model}, {@code dataset}, {@code space} on the Hub; {@code code} elsewhere
     */
    String repoUrl(String repoType, String repo);
}
