package dev.evalbot.app.trust;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code huggingface.co/<owner>/<name>}, {@code /datasets/<owner>/<name>} and
 * {@code /spaces/<owner>/<name>} (with any path below): existence through the Hub API at
 * {@code HF_ENDPOINT}, e.g. {@code GET /api/datasets/cais/hle}.
 */
final class HubLink implements KnownHost {
    private static final Set<String> HOSTS = Set.of("huggingface.co", "www.huggingface.co", "hf.co");
    // Top-level paths of the site that are not model owners.
    private static final Set<String> RESERVED = Set.of("api", "blog", "changelog", "chat", "collections", "docs",
            "enterprise", "join", "learn", "login", "models", "new", "notifications", "organizations", "papers",
            "posts", "pricing", "privacy", "search", "settings", "tasks", "terms-of-service", "welcome");
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    private record Repo(String kind, String id) {}

    private final URI endpoint;

    HubLink(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean handles(SourceUrl url) {
        return HOSTS.contains(url.host()) && repo(url).isPresent();
    }

    @Override
    public Optional<SourceCheck> checkSyntax(SourceUrl url) {
        Repo repo = repo(url).orElseThrow();
        for (String part : repo.id().split("/")) {
            if (!PART.matcher(part).matches() || part.contains("..") || part.endsWith(".")) {
                return Optional.of(new SourceCheck.Invalid("'" + Clip.of(repo.id())
                        + "' is not a valid Hub repository id"));
            }
        }
        return Optional.empty();
    }

    @Override
    public SourceCheck checkOnline(SourceUrl url, Prober prober) {
        Repo repo = repo(url).orElseThrow();
        String singular = repo.kind().substring(0, repo.kind().length() - 1);
        SourceUrl api;
        try {
            api = SourceUrl.parse(endpoint + "/api/" + repo.kind() + "/" + repo.id());
        } catch (Refusal r) {
            return r.check();
        }
        return prober.api(api, Set.of(401, 404, 410), "the Hub has no " + singular + " " + repo.id(),
                Map.of("Accept", "application/json"));
    }

    private static Optional<Repo> repo(SourceUrl url) {
        String[] s = url.segments();
        if (s.length >= 3 && (s[0].equals("datasets") || s[0].equals("spaces"))) {
            return Optional.of(new Repo(s[0], s[1] + "/" + s[2]));
        }
        if (s.length >= 2 && !RESERVED.contains(s[0]) && !s[0].equals("datasets") && !s[0].equals("spaces")) {
            return Optional.of(new Repo("models", s[0] + "/" + s[1]));
        }
        return Optional.empty();
    }
}
