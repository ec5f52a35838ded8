package dev.evalbot.app.platform.forge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.dispatch.CommentAuthors;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.Credentials;
import dev.evalbot.app.platform.Mode;
import dev.evalbot.app.platform.PlatformModule;
import dev.evalbot.app.platform.PlatformSetup;
import dev.evalbot.app.platform.PlatformWiring;
import dev.evalbot.app.platform.RepoUrls;
import dev.evalbot.rules.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Forge, a made-up code host that exists only in tests: the third platform issue 25 asks for, built
 * from the platform module type alone. Live when {@code FORGE_TOKEN} and {@code FORGE_WEBHOOK_SECRET}
 * are set; its host is the in-memory {@link ForgeRepos} the test inspects.
 */
final class ForgeModule implements PlatformModule {
    static final String ROUTE = "/webhooks/forge";
    /** Forge's bot account: its own comments hold no commands. */
    static final String BOT_LOGIN = "evalbot";

    private final ForgeRepos repos;

    ForgeModule(ForgeRepos repos) {
        this.repos = repos;
    }

    @Override
    public PlatformId id() {
        return ForgeEvents.FORGE;
    }

    @Override
    public String label() {
        return "Forge";
    }

    @Override
    public String repoUrl(String repoType, String repo) {
        return RepoUrls.under("https://forge.test/", repo);
    }

    @Override
    public PlatformSetup configure(Map<String, String> env) {
        Credentials credentials = credentials(env);
        String secret = env.get("FORGE_WEBHOOK_SECRET");
        return new PlatformSetup() {
            @Override
            public Credentials credentials() {
                return credentials;
            }

            @Override
            public PlatformWiring wire(Core core, Mode mode) {
                if (mode != Mode.LIVE) {
                    throw new IllegalArgumentException("Forge is wired live only, not " + mode.word());
                }
                return live(core, secret);
            }
        };
    }

    /** As GitHub and the Hub are wired: the command engine on the core's pipeline and stores, one lane. */
    private PlatformWiring live(Core core, String secret) {
        CommandSettings commandSettings = CommandSettings.defaults(BOT_LOGIN);
        CommandEngine engine = new CommandEngine(repos, repos,
                new RepoPermissions(repos, commandSettings.permissionTtl(), core.clock()), core.pipeline(),
                core.commandStores(), commandSettings, core.clock());
        ForgeWebhookRoute intake = new ForgeWebhookRoute(secret, core.inbox(), core.serverSettings().maxBodyBytes(),
                core.clock());
        ObjectMapper json = new ObjectMapper();
        // Forge has commit statuses, but says nothing before a retried review: a lane may choose.
        Lane lane = new Lane(repos, CommentAuthors.AS_POSTED, engine::handle, engine.history(),
                d -> ForgeEvents.read(d, json), false);
        return new PlatformWiring(ROUTE, intake, lane, Optional.empty(), List.of());
    }

    /** Both the token and the secret; a secret alone is a half configuration, refused in one line. */
    private static Credentials credentials(Map<String, String> env) {
        boolean token = Credentials.isSet(env, "FORGE_TOKEN");
        boolean secret = Credentials.isSet(env, "FORGE_WEBHOOK_SECRET");
        if (secret && !token) {
            throw new ConfigException("FORGE_WEBHOOK_SECRET is set but FORGE_TOKEN is not: Forge needs both");
        }
        String toGoLive = "FORGE_TOKEN with FORGE_WEBHOOK_SECRET";
        if (token && secret) {
            return new Credentials(true, "FORGE_TOKEN, FORGE_WEBHOOK_SECRET", toGoLive);
        }
        return new Credentials(false, token ? "no FORGE_WEBHOOK_SECRET" : "no FORGE_TOKEN, no FORGE_WEBHOOK_SECRET",
                toGoLive);
    }

}
