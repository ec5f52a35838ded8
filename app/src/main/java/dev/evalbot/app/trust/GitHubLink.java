package dev.evalbot.app.trust;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code github.com/<owner>/<repo>} (with any path below): existence through the GitHub API at
 * {@code GITHUB_API_URL}, {@code GET /repos/{owner}/{repo}}, with the review's installation token
 * when it has one (else GitHub allows 60 requests an hour per address), conditional on the ETag of
 * the last answer (a 304 costs no quota). A spent quota is "not checked: rate limited", never a
 * verdict on the link.
 */
final class GitHubLink implements KnownHost {
    private static final Set<String> HOSTS = Set.of("github.com", "www.github.com");
    // Top-level paths of the site that are not owners.
    private static final Set<String> RESERVED = Set.of("about", "apps", "codespaces", "collections",
            "customer-stories", "enterprise", "explore", "features", "issues", "join", "login", "marketplace",
            "new", "notifications", "orgs", "organizations", "pricing", "pulls", "readme", "search", "security",
            "settings", "site", "sponsors", "topics", "trending", "users");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final URI apiUrl;
    /** API URL to the ETag of its last 200 answer. */
    private final Cache<String, String> etags = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofDays(1)).build();

    GitHubLink(URI apiUrl) {
        this.apiUrl = apiUrl;
    }

    @Override
    public boolean handles(SourceUrl url) {
        String[] s = url.segments();
        return HOSTS.contains(url.host()) && s.length >= 2 && !RESERVED.contains(s[0]);
    }

    @Override
    public Optional<SourceCheck> checkSyntax(SourceUrl url) {
        String[] s = url.segments();
        String name = name(s[1]);
        if (!OWNER.matcher(s[0]).matches() || !NAME.matcher(name).matches() || name.equals(".")
                || name.equals("..")) {
            return Optional.of(new SourceCheck.Invalid("'" + Clip.of(s[0] + "/" + s[1])
                    + "' is not a valid GitHub repository"));
        }
        return Optional.empty();
    }

    @Override
    public SourceCheck checkOnline(SourceUrl url, Prober prober) {
        return checkOnline(url, prober, null);
    }

    @Override
    public SourceCheck checkOnline(SourceUrl url, Prober prober, String githubAuthorization) {
        String[] s = url.segments();
        String repo = s[0] + "/" + name(s[1]);
        SourceUrl api;
        try {
            api = SourceUrl.parse(apiUrl + "/repos/" + repo);
        } catch (Refusal r) {
            return r.check();
        }
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "application/vnd.github+json",
                "X-GitHub-Api-Version", "2022-11-28"));
        if (githubAuthorization != null) {
            headers.put("Authorization", githubAuthorization);
        }
        String etag = etags.getIfPresent(api.toString());
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        try {
            SafeHttp.Answer answer = prober.fetchApi(api, headers);
            if (answer.status() == 200 && answer.etag() != null && answer.at().equals(api)) {
                etags.put(api.toString(), answer.etag());
            }
            return Prober.readApi(answer, Set.of(404, 410), "GitHub has no repository " + repo);
        } catch (Refusal r) {
            return r.check();
        }
    }

    private static String name(String segment) {
        return segment.endsWith(".git") ? segment.substring(0, segment.length() - 4) : segment;
    }
}
