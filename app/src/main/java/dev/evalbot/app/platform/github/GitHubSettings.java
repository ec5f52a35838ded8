package dev.evalbot.app.platform.github;

import java.net.URI;
import java.util.Map;

/**
 * GitHub configuration from the environment. Either a token, or a GitHub App (id and private
 * key); neither means GitHub is not live ({@link dev.evalbot.app.platform.Deployment} decides). The secret and keys are never logged: {@link #toString()} hides them.
 *
 * @param apiUrl REST base, {@code https://api.github.com} or {@code https://HOST/api/v3} (Enterprise Server)
 * @param botLogin the bot's account login, to recognise its own comments; null = ask GitHub once
 * @param budget the pace of this process's GitHub writes ({@code EVALBOT_GITHUB_WRITE_BUDGET} and its companions)
 */
public record GitHubSettings(String webhookSecret, String token, String appId, String appPrivateKey, String apiUrl,
        String botLogin, String publicUrl, BudgetSettings budget) {
    public static final String DEFAULT_API = "https://api.github.com";

    /** Parsed at start only, by the composition root; a malformed budget is a one-line error. */
    public static GitHubSettings fromEnvironment(Map<String, String> env) {
        String api = blankToNull(env.get("GITHUB_API_URL"));
        return new GitHubSettings(blankToNull(env.get("GITHUB_WEBHOOK_SECRET")), blankToNull(env.get("GITHUB_TOKEN")),
                blankToNull(env.get("GITHUB_APP_ID")), blankToNull(env.get("GITHUB_APP_PRIVATE_KEY")),
                api == null ? DEFAULT_API : stripSlash(api), blankToNull(env.get("GITHUB_BOT_LOGIN")),
                blankToNull(env.get("EVALBOT_PUBLIC_URL")), BudgetSettings.fromEnvironment(env));
    }

    public boolean hasCredentials() {
        return token != null || (appId != null && appPrivateKey != null);
    }

    public boolean isApp() {
        return token == null && appId != null && appPrivateKey != null;
    }

    /** The GraphQL endpoint that goes with the REST base. */
    public String graphqlUrl() {
        return apiUrl.endsWith("/api/v3") ? apiUrl.substring(0, apiUrl.length() - 3) + "graphql" : apiUrl + "/graphql";
    }

    /** The web host that goes with the REST base, for links in comments. */
    public String webUrl() {
        if (apiUrl.endsWith("/api/v3")) {
            return apiUrl.substring(0, apiUrl.length() - "/api/v3".length());
        }
        URI uri = URI.create(apiUrl);
        if ("api.github.com".equals(uri.getHost())) {
            return "https://github.com";
        }
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    @Override
    public String toString() {
        return "GitHubSettings[apiUrl=" + apiUrl + ", auth=" + (token != null ? "token" : isApp() ? "app " + appId : "none")
                + ", webhookSecret=" + (webhookSecret == null ? "unset" : "set") + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
