package dev.evalbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.InboxConfig;
import dev.evalbot.app.inbox.InboxWorker;
import dev.evalbot.app.inbox.WorkerConfig;
import dev.evalbot.app.platform.Platform;
import dev.evalbot.app.platform.github.GitHubAuth;
import dev.evalbot.app.platform.github.GitHubPlatform;
import dev.evalbot.app.platform.github.GitHubSettings;
import dev.evalbot.app.platform.local.DryRunPlatform;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.StoreReviewLog;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.trust.SourceChecker;
import dev.evalbot.app.trust.TokenVerifier;
import dev.evalbot.app.trust.TrustAnnotations;
import dev.evalbot.app.trust.TrustConfig;
import dev.evalbot.app.server.DeliveryRouter;
import dev.evalbot.app.server.EvalbotServer;
import dev.evalbot.app.server.ReviewsRoute;
import dev.evalbot.app.server.ServerSettings;
import dev.evalbot.app.server.WebhookSecrets;
import dev.evalbot.app.server.github.GitHubDeliveryHandler;
import dev.evalbot.app.server.github.GitHubWebhookRoute;
import dev.evalbot.app.server.github.WebhookSignature;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PlatformId;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.check.ChangeValidator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code evalbot serve}: reads the configuration once, opens the store,
 * and wires the inbox, the workers, the platforms, the pipeline and the routes. Everything is
 * passed down explicitly; nothing is static.
 */
public final class EvalbotApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvalbotApp.class);

    private final Database db;
    private final InboxWorker worker;
    private final EvalbotServer server;
    private final boolean dryRun;
    private final Platform githubPlatform;

    private EvalbotApp(Database db, InboxWorker worker, EvalbotServer server, boolean dryRun, Platform githubPlatform) {
        this.db = db;
        this.worker = worker;
        this.server = server;
        this.dryRun = dryRun;
        this.githubPlatform = githubPlatform;
    }

    /** Starts everything; the server answers as soon as this returns. */
    public static EvalbotApp start(Map<String, String> env, Clock clock) throws IOException {
        long started = System.nanoTime();
        LocalConfig config = LocalConfig.load(LocalConfig.dirFrom(env, null), null);
        ServerSettings serverSettings = ServerSettings.fromEnvironment(env);
        GitHubSettings github = GitHubSettings.fromEnvironment(env);
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
        Platform platform = dryRun
                ? new DryRunPlatform("github", config.dir().resolve(env.getOrDefault("EVALBOT_DRY_RUN_REPOS",
                        "examples/models")))
                : new GitHubPlatform(github, new GitHubAuth(github, http, clock), http, metrics, clock);
        // A dry-run is the no-network quick start: benchmark definitions come from config/ only.
        BenchmarkRegistry registry = config.registry(env, !dryRun, null, clock);
        ObjectMapper json = new ObjectMapper();
        TrustConfig trustConfig = TrustConfig.fromEnvironment(env).withOffline(dryRun
                || TrustConfig.fromEnvironment(env).offline());
        TrustAnnotator trust = new TrustAnnotations(TokenVerifier.fromConfig(trustConfig, clock),
                new SourceChecker(trustConfig, clock));

        Database db = opened(opening);
        Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, metrics);
        StoreReviewLog reviews = new StoreReviewLog(new ReviewStore(db, clock));
        ResultRecorder recorder = new ResultRecorder(new ResultStore(db, clock), benchmark -> { });
        ReviewPipeline pipeline = new ReviewPipeline(
                () -> new ChangeValidator(config.rules(), registry, clock),
                config.rules().limits().maxBytes(), trust, reviews, new ReportJson(json),
                ReviewPipeline.Settings.DEFAULT, recorder);
        GitHubDeliveryHandler githubHandler = new GitHubDeliveryHandler(platform, pipeline, recorder::closed,
                GitHubDeliveryHandler.CommandRunner.IGNORE);
        InboxWorker worker = new InboxWorker(inbox, new DeliveryRouter(Map.of(PlatformId.GITHUB, githubHandler)),
                WorkerConfig.DEFAULT, metrics);

        EvalbotServer server = new EvalbotServer(serverSettings, metrics, db::isReachable)
                .post("/webhooks/github", new GitHubWebhookRoute(new WebhookSignature(secret), inbox,
                        serverSettings.maxBodyBytes(), clock, metrics))
                .get("/reviews/{owner}/{repo}/{number}",
                        new ReviewsRoute(reviews::latest, dryRun, serverSettings.adminToken()));
        worker.start();
        server.start();
        LOG.info("evalbot ready in {} ms: {}, store {}, {}", (System.nanoTime() - started) / 1_000_000,
                dryRun ? "dry-run (no GitHub credentials: writes are logged, not sent)" : github,
                db.config().redactedUrl(), serverSettings);
        return new EvalbotApp(db, worker, server, dryRun, platform);
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

    public int port() {
        return server.port();
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Platform githubPlatform() {
        return githubPlatform;
    }

    @Override
    public void close() {
        server.close();
        worker.shutdown(Duration.ofSeconds(10));
        db.close();
    }
}
