package dev.evalbot.app;

import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.platform.PlatformModule;
import dev.evalbot.app.platform.github.GitHubModule;
import dev.evalbot.app.platform.hub.HubModule;
import java.util.List;

/**
 * The platforms evalbot ships, listed once, in order (GitHub first: the default where a request
 * names no platform). The server and the CLI read this list; a new platform is one more module here.
 */
public final class PlatformModules {
    private PlatformModules() {}

    public static List<PlatformModule> shipped() {
        return List.of(new GitHubModule(), new HubModule());
    }

    /** The shipped list as the port the platform-neutral packages take (the CLI's checks read it). */
    public static KnownPlatforms known() {
        return KnownPlatforms.of(shipped());
    }
}
