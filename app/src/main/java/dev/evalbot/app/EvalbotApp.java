package dev.evalbot.app;

import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.BoardService;
import dev.evalbot.app.board.PublishHttp;
import dev.evalbot.app.board.PublishPlan;
import dev.evalbot.app.board.PublishTargets;
import dev.evalbot.app.board.WebhookPublisher;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.core.CoreSettings;
import dev.evalbot.app.core.LazyHttpClient;
import dev.evalbot.app.dispatch.EventDispatcher;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.InboxWorker;
import dev.evalbot.app.platform.Deployment;
import dev.evalbot.app.platform.Mode;
import dev.evalbot.app.platform.PlatformModule;
import dev.evalbot.app.platform.PlatformWiring;
import dev.evalbot.app.platform.local.ExampleRepos;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.reconcile.Reconciler;
import dev.evalbot.app.server.EvalbotServer;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.app.store.StoreLock;
import dev.evalbot.app.trust.ApiCredentials;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code evalbot serve}: reads the configuration once (each platform
 * module's settings and mode, {@link Deployment}; the core's, {@link CoreSettings}), builds the
 * shared {@link Core}, wires each platform that is live (or the dry-run's) onto it, and mounts and
 * starts what the wiring returns. Everything is passed down explicitly; nothing is static.
 */
public final class EvalbotApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EvalbotApp.class);

    private final Database db;
    private final InboxWorker worker;
    private final EvalbotServer server;
    private final BoardService boards;
    private final Deployment deployment;
    private final Reconciler reconciler;
    private final Optional<StoreLock> storeLock;

    private EvalbotApp(Database db, InboxWorker worker, EvalbotServer server, BoardService boards,
            Deployment deployment, Reconciler reconciler, Optional<StoreLock> storeLock) {
        this.db = db;
        this.reconciler = reconciler;
        this.storeLock = storeLock;
        this.boards = boards;
        this.worker = worker;
        this.server = server;
        this.deployment = deployment;
    }

    /** Starts everything with the shipped platforms; the server answers as soon as this returns. */
    public static EvalbotApp start(Map<String, String> env, Clock clock) throws IOException {
        return start(env, clock, PlatformModules.shipped());
    }

    /**
     * Starts everything; the server answers as soon as this returns.
     *
     * @param modules the platforms this process knows, in order ({@link PlatformModules#shipped()})
     */
    public static EvalbotApp start(Map<String, String> env, Clock clock, List<? extends PlatformModule> modules)
            throws IOException {
        long started = System.nanoTime();
        // The one read of the environment: a malformed value is one line, before anything is logged or locked.
        Deployment deployment = Deployment.decide(env, modules);
        CoreSettings settings = CoreSettings.parse(env, deployment.dryRun());
        // Before the rest, so that a second server on the same SQLite file stops with one line.
        Optional<StoreLock> lock = StoreLock.forServing(settings.store());
        try {
            return start(deployment, KnownPlatforms.of(modules), settings, clock, lock, started);
        } catch (RuntimeException | IOException | Error e) {
            lock.ifPresent(StoreLock::close);
            throw e;
        }
    }

    private static EvalbotApp start(Deployment deployment, KnownPlatforms platforms, CoreSettings settings,
            Clock clock, Optional<StoreLock> lock, long started) throws IOException {
        deployment.platforms().forEach(p -> LOG.info(p.line()));
        LOG.info(settings.config().describe());
        LocalConfig config = LocalConfig.load(settings.config(), null);

        // Opening the store (SQLite's native library, the migration check) is one of the longest steps
        // of a start: it runs on its own thread while the parts that do not need the store are built.
        CompletableFuture<Database> opening = openInBackground(settings.store());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpClient http = new LazyHttpClient(() -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build());
        boolean online = deployment.anyLive();
        Core.Offline offline = Core.Offline.build(settings, clock, config, online, sourceReads(deployment, http, clock));
        // Nothing is published from a dry-run: it is the no-account quick start. Live, a target on a
        // platform that is off is left out, with a warning, rather than failing at every refresh.
        PublishPlan plan = PublishPlan.decide(PublishTargets.parse("evalbot.yaml", config.evalbotYaml()),
                notLive(deployment));
        if (online) {
            plan.skipped().forEach(s -> LOG.warn(s.warning()));
        }
        List<BoardPublisher> publishers = online ? publishers(deployment, plan.targets(), http, clock,
                settings.publishSecret()) : List.of();

        Core core = Core.build(platforms, settings, clock, config, online, http, metrics, offline, opened(opening),
                publishers);
        try {
            if (online) {
                warnOfExamples(new ExampleRepos(settings.dryRun().examples()).of(core.results().pulls()));
            }
            // Each platform served is wired in its mode; one that is off is not, so its route answers 404.
            Map<PlatformId, Lane> lanes = new HashMap<>();
            List<PullSource> sources = new ArrayList<>();
            List<Runnable> background = new ArrayList<>();
            for (Deployment.Configured served : deployment.served()) {
                PlatformWiring w = served.setup().wire(core, served.mode().mode());
                core.server().post(w.webhookPath(), w.intake());
                lanes.put(served.mode().platform(), w.lane());
                w.pullSource().ifPresent(sources::add);
                background.addAll(w.background());
            }
            InboxWorker worker = new InboxWorker(core.inbox(),
                    new EventDispatcher(lanes, core.pipeline(), core.closed(), metrics), settings.workers(), metrics);
            Reconciler reconciler = Reconciler.of(sources, core.inbox(), core.db(), settings.reconcile(), metrics,
                    clock);
            background.forEach(EvalbotApp::inBackground);
            worker.start();
            core.server().start();
            // After the server: boards are read on first use, and the refresher's background read of
            // each board for the index must not compete with the start for the cores.
            core.boards().start();
            reconciler.start();
            LOG.info("evalbot ready in {} ms on port {}: {}; store {}, {}", (System.nanoTime() - started) / 1_000_000,
                    core.server().port(), summary(deployment), core.db().config().redactedUrl(), settings.server());
            return new EvalbotApp(core.db(), worker, core.server(), core.boards(), deployment, reconciler, lock);
        } catch (RuntimeException | IOException e) {
            core.db().close();
            throw e;
        }
    }

    /** How source checks read each live platform's API (GitHub's installation tokens); the first that has a way. */
    private static ApiCredentials sourceReads(Deployment deployment, HttpClient http, Clock clock) {
        List<ApiCredentials> reads = new ArrayList<>();
        for (Deployment.Configured c : deployment.configured()) {
            ApiCredentials read = c.setup().sourceReads(c.mode().mode(), http, clock);
            if (read != ApiCredentials.NONE) {
                reads.add(read);
            }
        }
        return pr -> reads.stream().map(c -> c.githubAuthorization(pr)).flatMap(Optional::stream).findFirst();
    }

    private static List<PublishPlan.NotLive> notLive(Deployment deployment) {
        return deployment.platforms().stream().filter(p -> p.mode() != Mode.LIVE)
                .map(p -> new PublishPlan.NotLive(p.platform(), p.label(), p.mode().word(), p.reason())).toList();
    }

    /**
     * Where refreshed leaderboards go, in the order a benchmark's targets are published: each live
     * platform's own (the plan kept only those), in the modules' order, then its webhook.
     */
    private static List<BoardPublisher> publishers(Deployment deployment, PublishTargets targets, HttpClient http,
            Clock clock, String publishSecret) {
        List<BoardPublisher> publishers = new ArrayList<>();
        for (Deployment.Configured c : deployment.configured()) {
            c.setup().publisher(c.mode().mode(), targets, http, clock).ifPresent(publishers::add);
        }
        publishers.add(new WebhookPublisher(targets, new PublishHttp(http), publishSecret));
        return publishers;
    }

    private static void inBackground(Runnable task) {
        Thread thread = new Thread(task, "evalbot-background");
        thread.setDaemon(true);
        thread.start();
    }

    /** A store that ran the quick start before going live still shows its made-up models: say so. */
    private static void warnOfExamples(List<PullRef> examples) {
        if (!examples.isEmpty()) {
            LOG.warn("the store holds results of the dry-run's example repositories ({} pull requests, e.g. {}): they "
                    + "show on the leaderboards of this live deployment; start it on a fresh EVALBOT_DB",
                    examples.size(), examples.get(0).repo());
        }
    }

    private static String summary(Deployment deployment) {
        return String.join(", ", deployment.platforms().stream().map(p -> p.label() + " " + p.mode().word()).toList());
    }

    private static CompletableFuture<Database> openInBackground(StoreConfig storeConfig) {
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
        return opening;
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

    public BoardService boards() {
        return boards;
    }

    public boolean dryRun() {
        return deployment.dryRun();
    }

    /** Each platform's mode and why, as logged at start. */
    public Deployment deployment() {
        return deployment;
    }

    /** The store the server writes to, for tools and tests. */
    public Database database() {
        return db;
    }

    /** The sweeper of missed pull requests, for tools and tests (a sweep on demand). */
    public Reconciler reconciler() {
        return reconciler;
    }

    @Override
    public void close() {
        reconciler.close();
        server.close();
        worker.shutdown(Duration.ofSeconds(10));
        boards.close();
        db.close();
        storeLock.ifPresent(StoreLock::close);
    }
}
