package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.dispatch.CommentAuthors;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.PlatformUnit;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.reconcile.ReconcileSettings;
import dev.evalbot.app.store.Dialect;
import java.net.http.HttpClient;
import java.util.Optional;

/** GitHub, live: webhooks signed with {@code GITHUB_WEBHOOK_SECRET}, reviews and commands through the API. */
public final class GitHubUnit implements PlatformUnit {
    public static final String ROUTE = "/webhooks/github";

    private final GitHubSettings settings;
    private final GitHubAuth auth;
    private GitHubPlatform platform;
    private Core core;

    public GitHubUnit(GitHubSettings settings, GitHubAuth auth) {
        this.settings = settings;
        this.auth = auth;
    }

    @Override
    public PlatformId platform() {
        return PlatformId.GITHUB;
    }

    @Override
    public Lane wire(Core core) {
        // One budget for every GitHub call of this process: reviews, commands, and any reader handed this client.
        GitHubBudget budget = new GitHubBudget(settings.budget(), core.clock(),
                Pause.sleeping(core.clock()), core.metrics());
        HttpClient github = new PacedHttpClient(core.http(), budget, auth::accountOf);
        GitHubPlatform platform = new GitHubPlatform(settings, auth, github, core.metrics(), core.clock());
        this.platform = platform;
        this.core = core;
        Thread warmUp = new Thread(platform::warmUp, "github-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
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
        core.server().post(ROUTE, new GitHubWebhookRoute(new WebhookSignature(settings.webhookSecret()), core.inbox(),
                core.serverSettings().maxBodyBytes(), core.clock(), core.metrics(), settings.isApp(), arrivals));
        ObjectMapper json = new ObjectMapper();
        return new Lane(platform, CommentAuthors.AS_POSTED, engine::handle, engine.history(), d -> GitHubEvents.read(d, json), true);
    }

    @Override
    public Optional<PullSource> pullSource(ReconcileSettings reconcile) {
        return platform == null ? Optional.empty() : Optional.of(GitHubPullSource.of(platform, reconcile, core.db(),
                core.clock()));
    }
}
