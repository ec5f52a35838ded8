package dev.evalbot.app.platform.github;

import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.PublishHttp;
import dev.evalbot.app.board.PublishTargets;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.platform.Credentials;
import dev.evalbot.app.platform.Mode;
import dev.evalbot.app.platform.PlatformSetup;
import dev.evalbot.app.platform.PlatformWiring;
import dev.evalbot.app.trust.ApiCredentials;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Optional;

/**
 * GitHub with its settings read. Its account ({@link GitHubAuth}: a token, or an App's installation
 * tokens) is made once per process on first need: the source checks read GitHub with it before the
 * core exists, the leaderboard publisher writes with it, and the reviews use it.
 */
final class GitHubSetup implements PlatformSetup {
    private final GitHubSettings settings;
    private final Credentials credentials;
    private GitHubAuth auth;

    GitHubSetup(GitHubSettings settings, Credentials credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public boolean servesDryRun() {
        return true;
    }

    /** Source checks call GitHub's API with the reviewed PR's installation token when GitHub is live. */
    @Override
    public ApiCredentials sourceReads(Mode mode, HttpClient http, Clock clock) {
        return mode == Mode.LIVE ? auth(http, clock)::forPullRequest : ApiCredentials.NONE;
    }

    /** The leaderboard files in GitHub repositories, written with this account when GitHub is live. */
    @Override
    public Optional<BoardPublisher> publisher(Mode mode, PublishTargets targets, HttpClient http, Clock clock) {
        return mode == Mode.LIVE ? Optional.of(new GitHubBoardPublisher(targets, new PublishHttp(http), settings,
                auth(http, clock)))
                : Optional.empty();
    }

    @Override
    public PlatformWiring wire(Core core, Mode mode) throws IOException {
        return switch (mode) {
            case LIVE -> GitHubLiveWiring.wire(core, settings, auth(core.http(), core.clock()));
            case DRY_RUN -> new GitHubDryRunWiring(settings.webhookSecret(), core.settings().dryRun().webhookSecret(),
                    core.settings().dryRun().examples()).wire(core);
            case OFF -> throw new IllegalArgumentException("a platform that is off is not wired");
        };
    }

    /** The account, made once: every use of this process shares its token cache. */
    synchronized GitHubAuth auth(HttpClient http, Clock clock) {
        if (auth == null) {
            auth = new GitHubAuth(settings, http, clock);
        }
        return auth;
    }

    GitHubSettings settings() {
        return settings;
    }
}
