package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.board.Backfill;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.dispatch.CommentAuthors;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.platform.PlatformWiring;
import java.util.Optional;
import dev.evalbot.app.platform.local.DryRunCommandPlatform;
import dev.evalbot.app.platform.local.DryRunPlatform;
import dev.evalbot.app.platform.local.ExampleRepos;
import dev.evalbot.app.server.WebhookSecrets;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.rules.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The no-account quick start: GitHub payloads on {@code /webhooks/github}, signed with a secret
 * generated into the data directory (or {@code GITHUB_WEBHOOK_SECRET}), reviewed against the
 * example checkouts, writes logged instead of sent. The leaderboards are seeded from the examples,
 * so a dry-run never runs on a store that already holds real results.
 */
final class GitHubDryRunWiring {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubDryRunWiring.class);

    private final String configuredSecret;
    private final Path secretFile;
    private final Path examples;

    /**
     * @param configuredSecret {@code GITHUB_WEBHOOK_SECRET}, or null to use (or generate) {@code secretFile}
     * @param examples the checkouts, laid out {@code owner/name/}, that a pull request on {@code owner/name} changes
     */
    GitHubDryRunWiring(String configuredSecret, Path secretFile, Path examples) {
        this.configuredSecret = configuredSecret;
        this.secretFile = secretFile;
        this.examples = examples;
    }

    PlatformWiring wire(Core core) throws IOException {
        refuseRealResults(core.results().pulls(), core.db().config().redactedUrl());
        if (core.results().datasetIds().isEmpty()) {
            // The quick start shows full leaderboards at once: seed them from the shipped examples.
            new Backfill(core.validators().get(), core.trust(), core.recorder(), core.config().rules().limits().maxBytes(),
                    core.cards())
                    .seedAll("github", examples)
                    .forEach(b -> LOG.info("dry-run: seeded {} entries of {} from the examples", b.entries(), b.repo()));
            // Seeding reviews each example against the boards (would-rank), which caches them half
            // seeded; their debounced refresh would only catch up 30 s after "ready".
            core.results().datasetIds().forEach(core.boards()::catchUp);
        }
        String secret = WebhookSecrets.resolve(configuredSecret, true, secretFile);
        GitHubWebhookRoute intake = new GitHubWebhookRoute(new WebhookSignature(secret), core.inbox(),
                core.serverSettings().maxBodyBytes(), core.clock(), core.metrics(), false);
        DryRunPlatform platform = new DryRunPlatform("github", examples);
        // Maintainers' commands run too (replies and reactions logged), so that they can be tried.
        DryRunCommandPlatform commandHost = new DryRunCommandPlatform(examples, platform);
        CommandSettings commandSettings = CommandSettings.defaults(null);
        CommandEngine engine = new CommandEngine(platform, commandHost,
                new RepoPermissions(commandHost, commandSettings.permissionTtl(), core.clock()), core.pipeline(),
                core.commandStores(), commandSettings, core.clock());
        ObjectMapper json = new ObjectMapper();
        Lane lane = new Lane(platform, CommentAuthors.AS_POSTED, engine::handle, engine.history(),
                d -> GitHubEvents.read(d, json), true);
        // Nothing to sweep: the examples change only when someone edits them.
        return new PlatformWiring(GitHubModule.ROUTE, intake, lane, Optional.empty(), List.of());
    }

    /**
     * A dry-run only ever records results of the example checkouts. Anything else in the store came
     * from a live deployment: seeding examples next to it would put made-up models on real boards.
     */
    void refuseRealResults(List<PullRef> pulls, String store) {
        List<PullRef> real = new ExampleRepos(examples).others(pulls);
        if (!real.isEmpty()) {
            throw new ConfigException("dry-run refused: the store " + store + " holds results of a live deployment ("
                    + real.get(0).subject() + (real.size() > 1 ? " and " + (real.size() - 1) + " more" : "")
                    + "); set the platform's credentials to run live, or point EVALBOT_DB at another store");
        }
    }
}
