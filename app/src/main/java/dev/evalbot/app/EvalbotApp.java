package dev.evalbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.board.Backfill;
import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.PublishTargets;
import dev.evalbot.app.board.Publishers;
import dev.evalbot.app.board.BoardPaths;
import dev.evalbot.app.board.BoardRoutes;
import dev.evalbot.app.board.BoardService;
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
import dev.evalbot.app.inbox.Jitter;
import dev.evalbot.app.inbox.LeaseSettings;
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
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.app.trust.ApiCredentials;
import dev.evalbot.app.trust.SourceChecker;
import dev.evalbot.app.trust.TokenVerifier;
import dev.evalbot.app.trust.TrustAnnotations;
import dev.evalbot.app.trust.TrustConfig;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.model.Benchmark;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    private final BoardService boards;
    private final boolean dryRun;

    private EvalbotApp(Database db, InboxWorker worker, EvalbotServer server, BoardService boards, boolean dryRun) {
        this.db = db;
        this.boards = boards;
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

        // Opening the store (Flyway's migration check) is the longest step of a start: it runs on its
        // own thread while the parts that do not need the store are built.
        StoreConfig storeConfig = StoreConfig.fromEnvironment(env);
        CompletableFuture<Database> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(Database.open(storeConfig));
            } catch (Throwable t) {
                opening.completeExceptionally(t);
            }
        }, "evalbot-open-store");
        opener.setDaemon(true);
        opener.start();

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        ObjectMapper json = new ObjectMapper();

        // The dry-run is the no-network quick start: definitions from config/, no source or token checks.
        BenchmarkRegistry registry = config.registry(env, !dryRun, null, clock);
        TrustConfig trustConfig = TrustConfig.fromEnvironment(env);
        if (dryRun) {
            trustConfig = trustConfig.withOffline(true);
        }
        GitHubAuth auth = dryRun ? null : new GitHubAuth(github, http, clock);
        TrustAnnotations trustChecks = new TrustAnnotations(TokenVerifier.fromConfig(trustConfig, clock),
                new SourceChecker(trustConfig, clock), auth == null ? ApiCredentials.NONE : auth::forPullRequest);

        Database db = opened(opening);
        Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(), metrics,
                LeaseSettings.fromEnvironment(env));
        ResultStore results = new ResultStore(db, clock);
        // A dry-run publishes nothing anywhere: it is the no-account quick start.
        List<BoardPublisher> publishers = dryRun ? List.of() : List.of(new Publishers(
                PublishTargets.parse("evalbot.yaml", config.evalbotYaml()), http, github, auth, hub,
                env.get("EVALBOT_PUBLISH_SECRET")));
        BoardService boards = new BoardService(results, new RefreshStore(db, Duration.ofMinutes(2)),
                TaskCatalog.of(config.rules(), config.registry().all()), definitions(config), boardDebounce(env), clock,
                publishers);
        ResultRecorder recorder = new ResultRecorder(results, boards::changed);
        TrustAnnotator trust = new KnownValueCheck(trustChecks, results, config.rules());
        StoreReviewLog reviews = new StoreReviewLog(new ReviewStore(db, clock));
        ReviewPipeline pipeline = new ReviewPipeline(() -> new ChangeValidator(config.rules(), registry, clock),
                config.rules().limits().maxBytes(), trust, reviews, new ReportJson(json),
                new ReviewPipeline.Settings(ReviewPipeline.Settings.DEFAULT.maxChangedFiles(),
                        Boolean.parseBoolean(env.getOrDefault("EVALBOT_COMMENT_WITHOUT_RESULTS", "false"))), recorder);
        StoreCommandAudit audit = new StoreCommandAudit(new AuditStore(db));
        LeaderboardRefresh refresh = (platform, repo, number) -> results.byPull(
                new PullRef(PlatformId.of(platform), repo, number)).stream().map(r -> r.entry().datasetId()).distinct()
                .forEach(boards::refreshNow);
        CommandStores commandStores = new CommandStores(new StoreDecisions(results), audit, refresh);

        Map<PlatformId, DeliveryHandler> handlers = new EnumMap<>(PlatformId.class);
        GitHubDeliveryHandler githubHandler;
        if (dryRun) {
            Path examples = config.dir().resolve(env.getOrDefault("EVALBOT_DRY_RUN_REPOS", "examples/models"));
            if (results.datasetIds().isEmpty()) {
                // The quick start shows full leaderboards at once: seed them from the shipped examples.
                new Backfill(new ChangeValidator(config.rules(), registry, clock), trust, recorder,
                        config.rules().limits().maxBytes()).seedAll("github", examples)
                        .forEach(b -> LOG.info("dry-run: seeded {} entries of {} from the examples", b.entries(), b.repo()));
            }
            Platform platform = new DryRunPlatform("github", examples);
            githubHandler = new GitHubDeliveryHandler(platform, pipeline, recorder::closed,
                    GitHubDeliveryHandler.CommandRunner.IGNORE);
        } else {
            GitHubPlatform platform = new GitHubPlatform(github, auth, http, metrics, clock);
            GitHubCommandPlatform commandHost = new GitHubCommandPlatform(github, auth, http, metrics, clock);
            CommandSettings commandSettings = CommandSettings.defaults(github.botLogin());
            CommandEngine engine = new CommandEngine(platform, commandHost,
                    new RepoPermissions(commandHost, commandSettings.permissionTtl(), clock), pipeline,
                    commandStores, commandSettings, clock);
            githubHandler = new GitHubDeliveryHandler(platform, pipeline, recorder::closed,
                    new GitHubCommandRunner(engine, commandHost), engine.history());
        }
        handlers.put(PlatformId.GITHUB, githubHandler);

        EvalbotServer server = new EvalbotServer(serverSettings, metrics, db::isWritable)
                .post("/webhooks/github", new GitHubWebhookRoute(new WebhookSignature(secret), inbox,
                        serverSettings.maxBodyBytes(), clock, metrics))
                .get("/reviews/{owner}/{repo}/{number}",
                        new ReviewsRoute(reviews::latest, dryRun, serverSettings.adminToken()))
                .get(AuditRoute.PATH, new AuditRoute(audit, serverSettings.adminToken(), json));
        BoardRoutes boardRoutes = new BoardRoutes(boards);
        server.get(BoardPaths.INDEX, boardRoutes.index()).get(BoardPaths.API_INDEX, boardRoutes.indexJson())
                .get(BoardPaths.INDEX + "/{owner}/{name}", boardRoutes.page())
                .get(BoardPaths.API_INDEX + "/{owner}/{name}", boardRoutes.json());
        if (hub.enabled()) {
            HubPlatform hubPlatform = new HubPlatform(hub, http, metrics, clock);
            HubCommandPlatform hubCommands = new HubCommandPlatform(hubPlatform,
                    new HubPermissions(hub, http, metrics, clock));
            CommandSettings hubCommandSettings = CommandSettings.defaults(null);
            CommandEngine hubEngine = new CommandEngine(hubPlatform, hubCommands,
                    new RepoPermissions(hubCommands, hubCommandSettings.permissionTtl(), clock), pipeline,
                    commandStores, hubCommandSettings, clock);
            handlers.put(PlatformId.HUB, new HubDeliveryHandler(hubPlatform, pipeline, recorder::closed,
                    new HubCommandRunner(hubEngine, hubPlatform), hubEngine.history()));
            server.post("/webhooks/hub", new HubWebhookRoute(hub, inbox, serverSettings.maxBodyBytes(), clock, metrics));
        }
        InboxWorker worker = new InboxWorker(inbox, new DeliveryRouter(handlers), WorkerConfig.DEFAULT, metrics);
        boards.start();
        worker.start();
        server.start();
        LOG.info("evalbot ready in {} ms: GitHub {}, Hub {}, store {}, {}", (System.nanoTime() - started) / 1_000_000,
                dryRun ? "dry-run (no credentials: writes are logged, not sent)" : github,
                hub.enabled() ? hub : "off (set HF_TOKEN and HF_WEBHOOK_SECRET)", db.config().redactedUrl(),
                serverSettings);
        return new EvalbotApp(db, worker, server, boards, dryRun);
    }

    /** The store, or the failure to open it as if it had been opened on this thread. */
    private static Database opened(CompletableFuture<Database> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static Map<String, Benchmark> definitions(LocalConfig config) {
        Map<String, Benchmark> out = new java.util.HashMap<>();
        config.registry().all().forEach(b -> out.put(b.id(), b));
        return out;
    }

    /** {@code EVALBOT_BOARD_DEBOUNCE_SECONDS}: how long a leaderboard waits for more changes (30 s). */
    private static Duration boardDebounce(Map<String, String> env) {
        String value = env.getOrDefault("EVALBOT_BOARD_DEBOUNCE_SECONDS", "30");
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EVALBOT_BOARD_DEBOUNCE_SECONDS must be a number of seconds, got " + value);
        }
    }

    public int port() {
        return server.port();
    }

    public BoardService boards() {
        return boards;
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
        boards.close();
        db.close();
    }
}
