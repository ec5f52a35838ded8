package dev.evalbot.app.platform;

import dev.evalbot.app.event.PlatformId;
import java.util.Map;

/**
 * One code host evalbot serves, with everything that differs between code hosts: its id and label,
 * the web address of a repository, its credentials read from the configuration, and the wiring of
 * its intake, event reading and review port onto the shared core. The root lists the modules once;
 * the deployment, links, badges, audit and backfill loop over that list, so a new platform is one
 * new module.
 */
public interface PlatformModule {
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

    /**
     * Reads this platform's settings from the environment, once, at start: the one place the
     * platform's variables are read. A half configuration (a secret without its token) is a
     * {@link dev.evalbot.rules.config.ConfigException} with one line naming what to set.
     */
    PlatformSetup configure(Map<String, String> env);
}
