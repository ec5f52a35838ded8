package dev.evalbot.app.platform;

import dev.evalbot.app.event.KnownPlatform;
import java.util.Map;

/**
 * One code host evalbot serves, with everything that differs between code hosts: its id and label,
 * the web address of a repository, its credentials read from the configuration, and the wiring of
 * its intake, event reading and review port onto the shared core. The root lists the modules once;
 * the deployment, links, badges, audit and backfill loop over that list, so a new platform is one
 * new module.
 */
public interface PlatformModule extends KnownPlatform {
    /**
     * Reads this platform's settings from the environment, once, at start: the one place the
     * platform's variables are read. A half configuration (a secret without its token) is a
     * {@link dev.evalbot.rules.config.ConfigException} with one line naming what to set.
     */
    PlatformSetup configure(Map<String, String> env);
}
