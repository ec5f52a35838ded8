package dev.evalbot.app.core;

import dev.evalbot.app.board.BoardServing;
import dev.evalbot.app.config.ConfigSource;
import dev.evalbot.app.inbox.LeaseSettings;
import dev.evalbot.app.inbox.WorkerConfig;
import dev.evalbot.app.reconcile.ReconcileSettings;
import dev.evalbot.app.registry.HubAccess;
import dev.evalbot.app.review.ReviewPipeline;
import dev.evalbot.app.server.ServerSettings;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.app.trust.LogReadLimits;
import dev.evalbot.app.trust.TrustConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server's configuration from the environment, parsed once at start by {@link #parse} into typed
 * settings; a malformed value is a one-line start-up error naming the variable, before anything is
 * logged or locked.
 *
 * <p>The rule: only a composition root reads the environment, that is {@code EvalbotApp.start} (this
 * parse, {@code Deployment.decide} and each platform's own settings, such as {@code GitHubSettings})
 * and the CLI's own entry points. Each part's {@code fromEnvironment} is its parser and is called from
 * there only; every other class is handed the typed part it needs, never the environment.
 *
 * @param config which configuration directory ({@code EVALBOT_CONFIG}, else {@code ./config}, else the shipped one)
 * @param registryHub how the registry reaches the Hub ({@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE})
 * @param review {@code EVALBOT_COMMENT_WITHOUT_RESULTS}: whether a review with nothing to review is posted
 * @param dryRun where the dry-run keeps its webhook secret and finds its example repositories
 * @param publishSecret {@code EVALBOT_PUBLISH_SECRET}: signs the leaderboards published to a webhook, or null
 */
public record CoreSettings(ConfigSource config, StoreConfig store, ServerSettings server, WorkerConfig workers,
        LeaseSettings lease, ReconcileSettings reconcile, TrustConfig trust, LogReadLimits logReads,
        HubAccess registryHub, BoardServing boards, ReviewPipeline.Settings review, DryRunFiles dryRun,
        String publishSecret) {

    /**
     * The dry-run's files.
     *
     * @param webhookSecret {@code EVALBOT_DATA/webhook-secret}: the secret {@code evalbot send} signs with
     * @param examples {@code EVALBOT_DRY_RUN_REPOS}: the example checkouts, {@code owner/name/}; relative to
     *     a configuration directory, else to the working directory (the jar ships no examples)
     */
    public record DryRunFiles(Path webhookSecret, Path examples) {
        static DryRunFiles fromEnvironment(Map<String, String> env, ConfigSource config) {
            String named = env.getOrDefault("EVALBOT_DRY_RUN_REPOS", "examples/models");
            return new DryRunFiles(Path.of(env.getOrDefault("EVALBOT_DATA", "data")).resolve("webhook-secret"),
                    config instanceof ConfigSource.Directory d ? d.dir().resolve(named) : Path.of(named));
        }
    }

    /** @param dryRun whether no platform is live (the server then listens on loopback by default) */
    public static CoreSettings parse(Map<String, String> env, boolean dryRun) {
        StoreConfig store = StoreConfig.fromEnvironment(env);
        ReconcileSettings reconcile = ReconcileSettings.fromEnvironment(env);
        ConfigSource config = ConfigSource.resolve(null, env, Path.of(""));
        ServerSettings server = ServerSettings.fromEnvironment(env, dryRun);
        WorkerConfig workers = WorkerConfig.fromEnvironment(env);
        TrustConfig trust = TrustConfig.fromEnvironment(env);
        HubAccess registryHub = HubAccess.fromEnvironment(env);
        LogReadLimits logReads = LogReadLimits.fromEnvironment(env);
        LeaseSettings lease = LeaseSettings.fromEnvironment(env);
        BoardServing boards = BoardServing.fromEnvironment(env);
        ReviewPipeline.Settings review = new ReviewPipeline.Settings(ReviewPipeline.Settings.DEFAULT.maxChangedFiles(),
                Boolean.parseBoolean(env.getOrDefault("EVALBOT_COMMENT_WITHOUT_RESULTS", "false")));
        return new CoreSettings(config, store, server, workers, lease, reconcile, trust, logReads, registryHub, boards,
                review, DryRunFiles.fromEnvironment(env, config), env.get("EVALBOT_PUBLISH_SECRET"));
    }

    /** Never shows the publishing secret: settings may end up in logs and error reports. */
    @Override
    public String toString() {
        return "CoreSettings[config=" + config.describe() + ", store=" + store.redactedUrl() + ", server=" + server
                + ", workers=" + workers + ", lease=" + lease + ", reconcile=" + reconcile + ", trust=" + trust
                + ", logReads=" + logReads + ", registryHub=" + registryHub + ", boards=" + boards + ", review=" + review + ", dryRun=" + dryRun + ", publishSecret="
                + (publishSecret == null ? "unset" : "set") + "]";
    }
}
