package dev.evalbot.app.platform.github;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.Credentials;
import dev.evalbot.app.platform.PlatformModule;
import dev.evalbot.app.platform.PlatformSetup;
import dev.evalbot.app.platform.RepoUrls;
import dev.evalbot.rules.config.ConfigException;
import java.util.Map;

/**
 * GitHub: pull requests of code repositories, webhooks signed with {@code GITHUB_WEBHOOK_SECRET},
 * reviews and commands through the REST API as a token's account or a GitHub App. Its payloads are
 * also the no-account dry-run's (the quick start's shipped examples are GitHub webhooks).
 */
public final class GitHubModule implements PlatformModule {
    public static final String ROUTE = "/webhooks/github";

    @Override
    public PlatformId id() {
        return PlatformId.GITHUB;
    }

    @Override
    public String label() {
        return "GitHub";
    }

    @Override
    public String repoUrl(String repoType, String repo) {
        return RepoUrls.under("https://github.com/", repo);
    }

    @Override
    public PlatformSetup configure(Map<String, String> env) {
        Credentials credentials = credentials(env); // first: a half configuration is the line to show
        return new GitHubSetup(GitHubSettings.fromEnvironment(env), credentials);
    }

    /** Either account (a token, or an App's id and key) with the webhook secret; half of an App is refused. */
    private static Credentials credentials(Map<String, String> env) {
        boolean token = Credentials.isSet(env, "GITHUB_TOKEN");
        boolean appId = Credentials.isSet(env, "GITHUB_APP_ID");
        boolean appKey = Credentials.isSet(env, "GITHUB_APP_PRIVATE_KEY");
        boolean secret = Credentials.isSet(env, "GITHUB_WEBHOOK_SECRET");
        if (!token && appId != appKey) {
            throw new ConfigException((appId ? "GITHUB_APP_ID is set but GITHUB_APP_PRIVATE_KEY is not"
                    : "GITHUB_APP_PRIVATE_KEY is set but GITHUB_APP_ID is not") + ": a GitHub App needs both");
        }
        String account = token ? "GITHUB_TOKEN" : appId ? "GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY" : null;
        if (account != null && !secret) {
            throw new ConfigException(account + " set but GITHUB_WEBHOOK_SECRET is not: evalbot never accepts "
                    + "unsigned webhooks");
        }
        String toGoLive = "GITHUB_TOKEN (or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY) with GITHUB_WEBHOOK_SECRET";
        if (account != null) {
            return new Credentials(true, account + ", GITHUB_WEBHOOK_SECRET", toGoLive);
        }
        return new Credentials(false, "no GITHUB_TOKEN or GITHUB_APP_ID" + (secret ? "" : ", no GITHUB_WEBHOOK_SECRET"),
                toGoLive);
    }

}
