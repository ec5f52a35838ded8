package dev.evalbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.commands.AuditRoute;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.CommandStores;
import dev.evalbot.app.commands.GitHubCommandRunner;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.commands.LeaderboardRefresh;
import dev.evalbot.app.commands.StoreCommandAudit;
import dev.evalbot.app.commands.StoreDecisions;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.InboxConfig;
import dev.evalbot.app.inbox.InboxWorker;
import dev.evalbot.app.inbox.WorkerConfig;
import dev.evalbot.app.platform.Platform;
import dev.evalbot.app.platform.github.GitHubAuth;
import dev.evalbot.app.platform.github.GitHubCommandPlatform;
import dev.evalbot.app.platform.github.GitHubPlatform;
import dev.evalbot.app.platform.github.GitHubSettings;
import dev.evalbot.app.platform.hub.HubCommandPlatform;
import dev.evalbot.app.platform.hub.HubPermissions;
import dev.evalbot.app.platform.hub.HubPlatform;
import dev.evalbot.app.platform.hub.HubSettings;
import dev.evalbot.app.platform.local.DryRunPlatform;
import dev.evalbot.app.review.KnownValueCheck;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.StoreReviewLog;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.server.DeliveryRouter;
import dev.evalbot.app.server.EvalbotServer;
import dev.evalbot.app.server.ReviewsRoute;
import dev.evalbot.app.server.ServerSettings;
import dev.evalbot.app.server.WebhookSecrets;
import dev.evalbot.app.server.github.GitHubDeliveryHandler;
import dev.evalbot.app.server.github.GitHubWebhookRoute;
import dev.evalbot.app.server.github.WebhookSignature;
import dev.evalbot.app.server.hub.HubCommandRunner;
import dev.evalbot.app.server.hub.HubDeliveryHandler;
import dev.evalbot.app.server.hub.HubWebhookRoute;
import dev.evalbot.app.store.AuditStore;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PlatformId;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.app.trust.SourceChecker;
import dev.evalbot.app.trust.TokenVerifier;
import dev.evalbot.app.trust.TrustAnnotations;
import dev.evalbot.app.trust.TrustConfig;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code evalbot serve}: reads the configuration once, opens the store,
 * and wires the inbox, the workers, the platforms, the pipeline, the commands and the routes.
 * Everything is passed down explicitly; nothing is static.
 */
public final class EvalbotApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvalbotApp.class);

    private final Database db;
    private final InboxWorker worker;
    private final EvalbotServer server;
    private final boolean dryRun;

    private EvalbotApp(Database db, InboxWorker worker, EvalbotServer server, boolean dryRun) {
        this.db = db;
        this.worker = worker;
        this.server = server;
        this.dryRun = dryRun;
    }

    /** Starts everything; the server answers as soon as this returns. */
    public static EvalbotApp start(Map<String, String> env, Clock clock) throws IOException {
        long started = System.nanoTime();
        LocalConfig config = LocalConfig.load(LocalConfig.dirFrom(env, null), null);
        ServerSettings serverSettings = ServerSettings.fromEnvironment(env);
        GitHubSettings github = GitHubSettings.fromEnvironment(env);
        HubSettings hub = HubSettings.fromEnvironment(env);
        boolean dryRun = !github.hasCredentials();
        Path dataDir = Path.of(env.getOrDefault("EVALBOT_DATA", "data"));
        String secret = WebhookSecrets.resolve(github.webhookSecret(), dryRun, dataDir.resolve("webhook-secret"));

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database db = Database.open(StoreConfig.fromEnvironment(env));
        Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, metrics);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        ObjectMapper json = new ObjectMapper();

        // The dry-run is the no-network quick start: definitions from config/, no source or token checks.
        BenchmarkRegistry registry = config.registry(env, !dryRun, null, clock);
        TrustConfig trustConfig = TrustConfig.fromEnvironment(env);
        if (dryRun) {
            trustConfig = trustConfig.withOffline(true);
        }
        ResultStore results = new ResultStore(db, clock);
        ResultRecorder recorder = new ResultRecorder(results, benchmark -> { });
        TrustAnnotator trust = new KnownValueCheck(new TrustAnnotations(TokenVerifier.fromConfig(trustConfig, clock),
                new SourceChecker(trustConfig, clock)), results, config.rules());
        StoreReviewLog reviews = new StoreReviewLog(new ReviewStore(db, clock));
        ReviewPipeline pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), registry, clock),
                config.rules().limits().maxBytes(), trust, reviews, new ReportJson(json),
                ReviewPipeline.Settings.DEFAULT, recorder);
        StoreCommandAudit audit = new StoreCommandAudit(new AuditStore(db));
        CommandStores commandStores = new CommandStores(new StoreDecisions(results), audit, LeaderboardRefresh.NONE);

        Map<PlatformId, DeliveryHandler> handlers = new EnumMap<>(PlatformId.class);
        GitHubDeliveryHandler githubHandler;
        if (dryRun) {
            Platform platform = new DryRunPlatform("github", config.dir().resolve(
                    env.getOrDefault("EVALBOT_DRY_RUN_REPOS", "examples/models")));
            githubHandler = new GitHubDeliveryHandler(platform, pipeline, recorder::closed,
                    GitHubDeliveryHandler.CommandRunner.IGNORE);
        } else {
            GitHubAuth auth = new GitHubAuth(github, http, clock);
            GitHubPlatform platform = new GitHubPlatform(github, auth, http, metrics, clock);
            GitHubCommandPlatform commandHost = new GitHubCommandPlatform(github, auth, http, metrics, clock);
            CommandSettings commandSettings = CommandSettings.defaults(github.botLogin());
            CommandEngine engine = new CommandEngine(platform, commandHost,
                    new RepoPermissions(commandHost, commandSettings.permissionTtl(), clock), pipeline,
                    commandStores, commandSettings, clock);
            githubHandler = new GitHubDeliveryHandler(platform, pipeline, recorder::closed,
                    new GitHubCommandRunner(engine, commandHost)).withContext(engine.history());
        }
        handlers.put(PlatformId.GITHUB, githubHandler);

        EvalbotServer server = new EvalbotServer(serverSettings, metrics, db::isWritable)
                .post("/webhooks/github", new GitHubWebhookRoute(new WebhookSignature(secret), inbox,
                        serverSettings.maxBodyBytes(), clock, metrics))
                .get("/reviews/{owner}/{repo}/{number}",
                        new ReviewsRoute(reviews::latest, dryRun, serverSettings.adminToken()))
                .get(AuditRoute.PATH, new AuditRoute(audit, serverSettings.adminToken(), json));
        if (hub.enabled()) {
            HubPlatform hubPlatform = new HubPlatform(hub, http, metrics, clock);
            HubCommandPlatform hubCommands = new HubCommandPlatform(hubPlatform,
                    new HubPermissions(hub, http, metrics, clock));
            CommandSettings hubCommandSettings = CommandSettings.defaults(null);
            CommandEngine hubEngine = new CommandEngine(hubPlatform, hubCommands,
                    new RepoPermissions(hubCommands, hubCommandSettings.permissionTtl(), clock), pipeline,
                    commandStores, hubCommandSettings, clock);
            handlers.put(PlatformId.HUB, new HubDeliveryHandler(hubPlatform, pipeline, recorder::closed,
                    new HubCommandRunner(hubEngine, hubPlatform)).withContext(hubEngine.history()));
            server.post("/webhooks/hub", new HubWebhookRoute(hub, inbox, serverSettings.maxBodyBytes(), clock, metrics));
        }
        InboxWorker worker = new InboxWorker(inbox, new DeliveryRouter(handlers), WorkerConfig.DEFAULT, metrics);
        worker.start();
        server.start();
        LOG.info("evalbot ready in {} ms: GitHub {}, Hub {}, store {}, {}", (System.nanoTime() - started) / 1_000_000,
                dryRun ? "dry-run (no credentials: writes are logged, not sent)" : github,
                hub.enabled() ? hub : "off (set HF_TOKEN and HF_WEBHOOK_SECRET)", db.config().redactedUrl(),
                serverSettings);
        return new EvalbotApp(db, worker, server, dryRun);
    }

    public int port() {
        return server.port();
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The store the server writes to, for tools and tests. */
    public Database database() {
        return db;
    }

    @Override
    public void close() {
        server.close();
        worker.shutdown(Duration.ofSeconds(10));
        db.close();
    }
}
