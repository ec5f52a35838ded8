package dev.evalbot.app.registry;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where benchmark definitions come from: read once from {@code evalbot.yaml} and the environment
 * by {@link RegistrySettingsParser}, then passed down.
 *
 * @param mode which datasets count as benchmarks
 * @param offline only {@code config/benchmarks/} is used; no HTTP request is ever made
 * @param allowList the ids listed under {@code registry.benchmarks}
 * @param endpoint the Hub ({@code HF_ENDPOINT}), without a trailing slash
 * @param token {@code HF_TOKEN}, sent as a bearer token to {@code endpoint} only; never printed
 */
public record RegistrySettings(RegistryMode mode, boolean offline, List<String> allowList, URI endpoint,
        Optional<String> token, CacheSettings cache, HttpSettings http) {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    public RegistrySettings {
        Objects.requireNonNull(mode);
        allowList = List.copyOf(allowList);
        Objects.requireNonNull(endpoint);
        token = token.filter(t -> !t.isBlank());
        Objects.requireNonNull(cache);
        Objects.requireNonNull(http);
    }

    /** Allow-list mode, online, the public Hub, no token, default limits. */
    public static RegistrySettings defaults(List<String> allowList) {
        return new RegistrySettings(RegistryMode.ALLOW_LIST, false, allowList, DEFAULT_ENDPOINT, Optional.empty(),
                CacheSettings.DEFAULT, HttpSettings.DEFAULT);
    }

    /** Whether {@code datasetId} may be looked up at all in this mode. */
    public boolean admits(String datasetId) {
        return mode == RegistryMode.ANY || allowList.contains(datasetId);
    }

    public RegistrySettings withMode(RegistryMode m) {
        return new RegistrySettings(m, offline, allowList, endpoint, token, cache, http);
    }

    public RegistrySettings withOffline(boolean o) {
        return new RegistrySettings(mode, o, allowList, endpoint, token, cache, http);
    }

    public RegistrySettings withEndpoint(URI e) {
        return new RegistrySettings(mode, offline, allowList, e, token, cache, http);
    }

    public RegistrySettings withToken(Optional<String> t) {
        return new RegistrySettings(mode, offline, allowList, endpoint, t, cache, http);
    }

    public RegistrySettings withCache(CacheSettings c) {
        return new RegistrySettings(mode, offline, allowList, endpoint, token, c, http);
    }

    public RegistrySettings withHttp(HttpSettings h) {
        return new RegistrySettings(mode, offline, allowList, endpoint, token, cache, h);
    }

    /** Never shows the token: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "RegistrySettings[mode=" + mode.configName() + ", offline=" + offline + ", allowList=" + allowList
                + ", endpoint=" + endpoint + ", token=" + (token.isPresent() ? "(set)" : "(none)") + ", cache="
                + cache + ", http=" + http + "]";
    }
}
