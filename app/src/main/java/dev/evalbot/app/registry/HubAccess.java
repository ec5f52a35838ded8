package dev.evalbot.app.registry;

import dev.evalbot.rules.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the registry reaches the Hub, from the environment: {@code HF_ENDPOINT}, {@code HF_TOKEN} and
 * huggingface_hub's own {@code HF_HUB_OFFLINE}. Parsed at start by the composition root; the token is
 * never printed.
 *
 * @param offline {@code HF_HUB_OFFLINE} is set to a true value: no HTTP request is ever made
 * @param endpoint the Hub's base URL, without a trailing slash
 */
public record HubAccess(boolean offline, URI endpoint, Optional<String> token) {
    public static final String ENDPOINT_ENV = "HF_ENDPOINT";
    public static final String TOKEN_ENV = "HF_TOKEN";
    /** huggingface_hub's own offline switch; honoured so one setting covers both tools. */
    public static final String HUB_OFFLINE_ENV = "HF_HUB_OFFLINE";

    private static final Set<String> TRUTHY = Set.of("1", "true", "yes", "on");

    /** @throws ConfigException when {@code HF_ENDPOINT} is not an http(s) URL */
    public static HubAccess fromEnvironment(Map<String, String> env) {
        String hubOffline = env.getOrDefault(HUB_OFFLINE_ENV, "").trim().toLowerCase(Locale.ROOT);
        return new HubAccess(TRUTHY.contains(hubOffline), endpoint(env.get(ENDPOINT_ENV)),
                Optional.ofNullable(env.get(TOKEN_ENV)).map(String::trim).filter(t -> !t.isEmpty()));
    }

    /** The Hub's base URL; a path prefix (a mirror under /hf) is kept, a trailing slash is not. */
    static URI endpoint(String value) {
        if (value == null || value.isBlank()) {
            return RegistrySettings.DEFAULT_ENDPOINT;
        }
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, with the variable's name
        }
        throw new ConfigException(ENDPOINT_ENV + " must be an http(s) URL such as " + RegistrySettings.DEFAULT_ENDPOINT
                + ", found '" + trimmed + "'");
    }

    @Override
    public String toString() {
        return "HubAccess[offline=" + offline + ", endpoint=" + endpoint + ", token="
                + (token.isPresent() ? "(set)" : "(none)") + "]";
    }
}
