package dev.evalbot.app.platform;

import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.PublishTargets;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.trust.ApiCredentials;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;

/** A platform with its settings read: whether it can run live, and how it is wired in the mode the deployment chose. */
public interface PlatformSetup {
    /** Whether the credentials a live platform needs are all present, and which variables said so. */
    Credentials credentials();

    /**
     * Whether the no-account dry-run serves this platform's payloads against the example checkouts
     * (GitHub's, the quick start's); other platforms are off in a dry-run.
     */
    default boolean servesDryRun() {
        return false;
    }

    /**
     * How source checks read this platform's API for links to it, before the core is built (GitHub:
     * the reviewed pull request's installation token). None by default.
     */
    default ApiCredentials sourceReads(Mode mode, HttpClient http, Clock clock) {
        return ApiCredentials.NONE;
    }

    /**
     * Where this platform publishes the leaderboards it hosts (a GitHub repository's file, a Hub
     * dataset's), or empty. None by default.
     */
    default Optional<BoardPublisher> publisher(Mode mode, PublishTargets targets, HttpClient http, Clock clock) {
        return Optional.empty();
    }

    /**
     * Builds the platform in {@code mode} (live or dry-run; never off) on the shared core and returns
     * what the root mounts and starts. Nothing is mounted or started here.
     */
    PlatformWiring wire(Core core, Mode mode) throws IOException;
}
