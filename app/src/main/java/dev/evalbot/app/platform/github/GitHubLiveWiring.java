package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.dispatch.CommentAuthors;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.platform.PlatformWiring;
import java.util.List;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.store.Dialect;
import java.net.http.HttpClient;
import java.util.Optional;

/** GitHub, live: webhooks signed with {@code GITHUB_WEBHOOK_SECRET}, reviews and commands through the API. */
final class GitHubLiveWiring {
    private GitHubLiveWiring() {}

    static PlatformWiring wire(Core core, GitHubSettings settings, GitHubAuth auth) {
        // One budget for every GitHub call of this process: reviews, commands, and any reader handed this client.
        GitHubBudget budget = new GitHubBudget(settings.budget(), core.clock(),
                Pause.sleeping(core.clock()), core.metrics());
        HttpClient github = new PacedHttpClient(core.http(), budget, auth::accountOf);
        GitHubPlatform platform = new GitHubPlatform(settings, auth, github, core.metrics(), core.clock());
        GitHubCommandPlatform commandHost = new GitHubCommandPlatform(settings, auth, github, core.metrics(),
                core.clock());
        CommandSettings commandSettings = CommandSettings.defaults(settings.botLogin());
        CommandEngine engine = new CommandEngine(platform, commandHost,
                new RepoPermissions(commandHost, commandSettings.permissionTtl(), core.clock()), core.pipeline(),
                core.commandStores(), commandSettings, core.clock());
        // On SQLite this process reviews every delivery it accepts, so it may count them while they
        // wait; on PostgreSQL another replica may review one, and a late notice would reopen its run.
        GitHubWebhookRoute.Arrivals arrivals = core.db().dialect() == Dialect.SQLITE ? platform::arrived
                : GitHubWebhookRoute.Arrivals.NONE;
        GitHubWebhookRoute intake = new GitHubWebhookRoute(new WebhookSignature(settings.webhookSecret()),
                core.inbox(), core.serverSettings().maxBodyBytes(), core.clock(), core.metrics(), settings.isApp(),
                arrivals);
        ObjectMapper json = new ObjectMapper();
        Lane lane = new Lane(platform, CommentAuthors.AS_POSTED, engine::handle, engine.history(),
                d -> GitHubEvents.read(d, json), true);
        PullSource sweeps = GitHubPullSource.of(platform, core.settings().reconcile(), core.db(), core.clock());
        // github-api's first use builds its readers: done in the background, before the first delivery.
        return new PlatformWiring(GitHubModule.ROUTE, intake, lane, Optional.of(sweeps), List.of(platform::warmUp));
    }
}
