package dev.evalbot.app.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.board.AuditTrail;
import dev.evalbot.app.board.BaseModelRecorder;
import dev.evalbot.app.board.BoardPaths;
import dev.evalbot.app.board.BoardPlacementCheck;
import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.BoardRoutes;
import dev.evalbot.app.board.BoardService;
import dev.evalbot.app.board.BoardSettings;
import dev.evalbot.app.board.CloseAudit;
import dev.evalbot.app.board.HubApiRoutes;
import dev.evalbot.app.commands.AuditRoute;
import dev.evalbot.app.commands.CommandStores;
import dev.evalbot.app.commands.LeaderboardRefresh;
import dev.evalbot.app.commands.StoreCommandAudit;
import dev.evalbot.app.commands.StoreDecisions;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.KnownPlatforms;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.Inbox;
import dev.evalbot.app.inbox.InboxConfig;
import dev.evalbot.app.inbox.Jitter;
import dev.evalbot.app.review.KnownValueCheck;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.PullRequestClosed;
import dev.evalbot.app.review.ReportJson;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.review.StoreReviewLog;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.server.EvalbotServer;
import dev.evalbot.app.server.ReviewsRoute;
import dev.evalbot.app.server.ServerSettings;
import dev.evalbot.app.store.AuditStore;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.ModelCardStore;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.trust.ApiCredentials;
import dev.evalbot.app.trust.CitedLogCheck;
import dev.evalbot.app.trust.CitedLogs;
import dev.evalbot.app.trust.LogAgreement;
import dev.evalbot.app.trust.SourceChecker;
import dev.evalbot.app.trust.TokenVerifier;
import dev.evalbot.app.trust.TrustAnnotations;
import dev.evalbot.app.trust.TrustConfig;
import dev.evalbot.rules.benchmark.BenchmarkRegistry;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.model.Benchmark;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every platform shares: the store, the inbox, the registry, the trust checks, the
 * leaderboards (and their Hub-shaped API), the review pipeline, the command stores and the server with its platform-neutral
 * routes. Each platform's module is wired onto it (see {@code platform.PlatformModule}).
 *
 * @param online whether any platform is live: the live registry, source and token checks and
 *     publishing follow it, never one platform's credentials
 */
public record Core(Clock clock, LocalConfig config, boolean online, HttpClient http,
        PrometheusMeterRegistry metrics, CoreSettings settings, Database db, Inbox inbox,
        ResultStore results, ResultRecorder recorder, ModelCardListener cards, PullRequestClosed closed, TrustAnnotator trust, Supplier<ChangeValidator> validators,
        ReviewPipeline pipeline, CommandStores commandStores, BoardService boards, EvalbotServer server) {

    /** The parts that need no store, built while the store opens on its own thread. */
    public record Offline(BenchmarkRegistry registry, TrustAnnotations trustChecks) {
        public static Offline build(CoreSettings settings, Clock clock, LocalConfig config, boolean online,
                ApiCredentials githubApi) {
            // Offline is the no-network quick start: definitions from config/, no source or token checks.
            TrustConfig trust = settings.trust();
            if (!online) {
                trust = trust.withOffline(true);
            }
            BenchmarkRegistry registry = config.registry(settings.registryHub(), online, null, clock);
            return new Offline(registry, new TrustAnnotations(TokenVerifier.fromConfig(trust, clock),
                    new SourceChecker(trust, clock), githubApi, new CitedLogCheck(new CitedLogs(trust,
                            settings.logReads(), clock), new LogAgreement(registry, config.rules()))));
        }
    }

    /** @param platforms the platforms this process knows: the boards, routes and metrics loop over them */
    public static Core build(KnownPlatforms platforms, CoreSettings settings, Clock clock, LocalConfig config,
            boolean online, HttpClient http, PrometheusMeterRegistry metrics, Offline offline, Database db,
            List<BoardPublisher> publishers) {
        ServerSettings serverSettings = settings.server();
        ObjectMapper json = new ObjectMapper();
        Inbox inbox = new Inbox(db, InboxConfig.DEFAULT, Clock.systemUTC(), Jitter.full(), metrics, platforms,
                settings.lease());
        ResultStore results = new ResultStore(db, clock);
        AuditStore auditStore = new AuditStore(db);
        TaskCatalog catalog = TaskCatalog.of(config.rules(), config.registry().all());
        BoardService boards = new BoardService(platforms, results, new RefreshStore(db, Duration.ofMinutes(2)), catalog,
                definitions(config), settings.boards().debounce(), clock, publishers,
                BoardSettings.parse("evalbot.yaml", config.evalbotYaml()).withPublicUrl(settings.boards().publicUrl()),
                new AuditTrail(auditStore),
                settings.boards().cacheReports());
        ResultRecorder recorder = new ResultRecorder(results, boards::changed);
        ModelCardStore modelCards = new ModelCardStore(db, clock);
        // The Hub's own API paths, so that HfApi(endpoint=<evalbot>) reads evalbot's boards.
        HubApiRoutes hubApi = new HubApiRoutes(boards, definitions(config), modelCards,
                settings.boards().hubApiCacheEntries());
        BaseModelRecorder cards = new BaseModelRecorder(modelCards, config.rules().limits().maxBytes(),
                hubApi::cardChanged);
        TrustAnnotator trust = new BoardPlacementCheck(new KnownValueCheck(offline.trustChecks(), results,
                config.rules()), boards, catalog, config.rules());
        // Every close goes to the audit trail, so that withdrawn reports say who closed them and why.
        PullRequestClosed closed = new CloseAudit(auditStore, c -> recorder.closed(c.pr(), c.merged()), clock);
        StoreReviewLog reviews = new StoreReviewLog(new ReviewStore(db, clock));
        Supplier<ChangeValidator> validators = () -> new ChangeValidator(config.rules(), offline.registry(), clock);
        ReviewPipeline pipeline = new ReviewPipeline(validators, config.rules().limits().maxBytes(), trust, reviews,
                new ReportJson(json), settings.review(), recorder, cards);
        StoreCommandAudit audit = new StoreCommandAudit(auditStore);
        LeaderboardRefresh refresh = (platform, repo, number) -> results.byPull(
                new PullRef(PlatformId.of(platform), repo, number)).stream().map(r -> r.entry().datasetId()).distinct()
                .forEach(boards::refreshNow);
        CommandStores commandStores = new CommandStores(new StoreDecisions(results), audit, refresh);

        EvalbotServer server = new EvalbotServer(serverSettings, metrics, db::isWritable)
                // Reviews are open to anyone only when nothing is live: the quick start's own machine.
                .get("/reviews/{owner}/{repo}/{number}", new ReviewsRoute(platforms, reviews::latest, !online,
                        serverSettings.adminToken()))
                .get(AuditRoute.PATH, new AuditRoute(platforms, audit, serverSettings.adminToken(), json));
        BoardRoutes boardRoutes = new BoardRoutes(boards);
        server.get(BoardPaths.INDEX, boardRoutes.index()).get(BoardPaths.API_INDEX, boardRoutes.indexJson())
                .get(BoardPaths.INDEX + "/{owner}/{name}", boardRoutes.page())
                .get(BoardPaths.API_INDEX + "/{owner}/{name}", boardRoutes.json()).get("/badges/<path>", boardRoutes.badge());
        server.get(HubApiRoutes.LEADERBOARD, hubApi.leaderboard()).get(HubApiRoutes.MODEL, hubApi.model());
        return new Core(clock, config, online, http, metrics, settings, db, inbox, results, recorder, cards,
                closed, trust, validators, pipeline, commandStores, boards, server);
    }

    private static Map<String, Benchmark> definitions(LocalConfig config) {
        Map<String, Benchmark> out = new HashMap<>();
        config.registry().all().forEach(b -> out.put(b.id(), b));
        return out;
    }

    /** The server's settings (port, body limit, admin token), from {@link #settings()}. */
    public ServerSettings serverSettings() {
        return settings.server();
    }
}
