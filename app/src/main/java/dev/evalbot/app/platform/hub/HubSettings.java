package dev.evalbot.app.platform.hub;

import java.util.Map;

/**
 * Hugging Face Hub configuration from the environment. The token and the webhook secret are never
 * logged: {@link #toString()} hides them.
 *
 * @param webhookSecret {@code HF_WEBHOOK_SECRET}: what the Hub sends as {@code X-Webhook-Secret}
 * @param endpoint {@code HF_ENDPOINT}, default {@value #DEFAULT_ENDPOINT}, without a trailing slash
 * @param token {@code HF_TOKEN}: the bot account's token (write access to discussions)
 */
public record HubSettings(String webhookSecret, String endpoint, String token) {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    public HubSettings {
        endpoint = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : stripSlash(endpoint.trim());
    }

    public static HubSettings fromEnvironment(Map<String, String> env) {
        return new HubSettings(blankToNull(env.get("HF_WEBHOOK_SECRET")), blankToNull(env.get("HF_ENDPOINT")),
                blankToNull(env.get("HF_TOKEN")));
    }

    /** Whether evalbot can act on the Hub (a token) and accept its webhooks (a secret). */
    public boolean enabled() {
        return token != null && webhookSecret != null;
    }

    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token == null ? "unset" : "set")
                + ", webhookSecret=" + (webhookSecret == null ? "unset" : "set") + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
