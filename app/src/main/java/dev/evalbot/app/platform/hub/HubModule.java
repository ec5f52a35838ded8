package dev.evalbot.app.platform.hub;

import dev.evalbot.app.board.BoardPublisher;
import dev.evalbot.app.board.PublishHttp;
import dev.evalbot.app.board.PublishTargets;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.Credentials;
import dev.evalbot.app.platform.Mode;
import dev.evalbot.app.platform.PlatformModule;
import dev.evalbot.app.platform.PlatformSetup;
import dev.evalbot.app.platform.PlatformWiring;
import dev.evalbot.app.platform.RepoUrls;
import dev.evalbot.rules.config.ConfigException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The Hugging Face Hub: pull requests (discussions) of model and dataset repositories, webhooks
 * carrying {@code HF_WEBHOOK_SECRET}, reviews and commands as the bot account of {@code HF_TOKEN}.
 */
public final class HubModule implements PlatformModule {
    public static final String ROUTE = "/webhooks/hub";

    @Override
    public PlatformId id() {
        return PlatformId.HUB;
    }

    @Override
    public String label() {
        return "Hub";
    }

    /** Models at the root, datasets and spaces under their own path, as the Hub's pages are. */
    @Override
    public String repoUrl(String repoType, String repo) {
        String prefix = switch (repoType == null ? "model" : repoType) {
            case "dataset" -> "datasets/";
            case "space" -> "spaces/";
            default -> "";
        };
        return RepoUrls.under("https://huggingface.co/" + prefix, repo);
    }

    @Override
    public PlatformSetup configure(Map<String, String> env) {
        Credentials credentials = credentials(env); // first: a half configuration is the line to show
        HubSettings settings = HubSettings.fromEnvironment(env);
        return new PlatformSetup() {
            @Override
            public Credentials credentials() {
                return credentials;
            }

            /** The leaderboards of Hub datasets, written with {@code HF_TOKEN}. */
            @Override
            public Optional<BoardPublisher> publisher(Mode mode, PublishTargets targets, HttpClient http,
                    Clock clock) {
                return settings.enabled() ? Optional.of(new HubBoardPublisher(targets, new PublishHttp(http), settings)) : Optional.empty();
            }

            @Override
            public PlatformWiring wire(Core core, Mode mode) {
                if (mode != Mode.LIVE) {
                    throw new IllegalArgumentException("the Hub is wired live only, not " + mode.word());
                }
                return HubLiveWiring.wire(core, settings);
            }
        };
    }

    /** Both the token and the webhook secret; the token alone still reads benchmark definitions. */
    private static Credentials credentials(Map<String, String> env) {
        boolean token = Credentials.isSet(env, "HF_TOKEN");
        boolean secret = Credentials.isSet(env, "HF_WEBHOOK_SECRET");
        if (secret && !token) {
            throw new ConfigException("HF_WEBHOOK_SECRET is set but HF_TOKEN is not: the Hub needs both "
                    + "(see docs/hub.md)");
        }
        String toGoLive = "HF_TOKEN with HF_WEBHOOK_SECRET";
        if (token && secret) {
            return new Credentials(true, "HF_TOKEN, HF_WEBHOOK_SECRET", toGoLive);
        }
        return new Credentials(false, token ? "no HF_WEBHOOK_SECRET; HF_TOKEN is used to read benchmark definitions only"
                : "no HF_TOKEN, no HF_WEBHOOK_SECRET", toGoLive);
    }

}
