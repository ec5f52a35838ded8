package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestEvent.Trigger;
import dev.evalbot.app.event.PullRequestEvent;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.reconcile.OpenPull;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.reconcile.RateBudget;
import dev.evalbot.app.reconcile.ReconcileSettings;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RedeliveryCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's open pull requests. A GitHub App sweeps every repository of every installation
 * ({@code GET /app/installations}, {@code GET /installation/repositories}), so that a repository
 * added while evalbot was down is swept too; a plain token sweeps the repositories evalbot has seen
 * plus {@code EVALBOT_RECONCILE_REPOS}. Every listing page is asked for conditionally: an unchanged
 * one is a 304, which GitHub does not count against the rate limit.
 */
final class GitHubPullSource implements PullSource {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubPullSource.class);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+");
    /** Most pages of one listing read per sweep: 100 items a page. */
    static final int MAX_PAGES = 100;

    private final GitHubRequests reads;
    private final List<String> configured;
    private final RateBudget budget;
    private final EtagCache etags;
    private final ObjectMapper json = new ObjectMapper();
    private final FailedDeliveries failed;

    /** @param failed the App's failed webhook deliveries to redeliver, or null (a token, or turned off) */
    GitHubPullSource(GitHubRequests reads, List<String> configured, RateBudget budget, EtagCache etags,
            FailedDeliveries failed) {
        this.reads = reads;
        this.failed = failed;
        this.configured = List.copyOf(configured);
        this.budget = budget;
        this.etags = etags;
    }

    @Override
    public PlatformId platform() {
        return PlatformId.GITHUB;
    }

    @Override
    public SweepResult sweep(Set<String> seen, Found found) {
        return reads.isApp() ? sweepInstallations(found) : sweepToken(seen, found);
    }

    private SweepResult sweepToken(Set<String> seen, Found found) {
        Set<String> repos = new TreeSet<>(seen);
        repos.addAll(configured);
        int swept = 0;
        GitHubRequests.As as = new GitHubRequests.As.Installation(null);
        for (String repo : repos) {
            try {
                if (sweepRepo(repo, null, as, "token", found)) {
                    swept++;
                }
            } catch (RateBudget.Spent | PlatformException stop) {
                return new SweepResult(swept, stopped("token", stop));
            }
        }
        return new SweepResult(swept, null);
    }

    private SweepResult sweepInstallations(Found found) {
        if (failed != null) {
            try {
                failed.redeliver();
            } catch (RateBudget.Spent | PlatformException e) {
                // The sweep of open pull requests does not depend on it: it goes on.
                LOG.warn("reconciler: failed webhook deliveries not redelivered: {}", e.getMessage());
            }
        }
        List<JsonNode> installations;
        try {
            installations = list("/app/installations?per_page=100", new GitHubRequests.As.App(), "app", null);
        } catch (RateBudget.Spent | PlatformException stop) {
            return new SweepResult(0, stopped("app", stop));
        }
        int swept = 0;
        String stoppedWhy = null;
        for (JsonNode installation : installations) {
            long id = installation.path("id").asLong(0);
            if (id <= 0) {
                continue;
            }
            String key = "installation " + id;
            GitHubRequests.As as = new GitHubRequests.As.Installation(id);
            try {
                for (JsonNode repo : list("/installation/repositories?per_page=100", as, key, "repositories")) {
                    String name = repo.path("full_name").asText("");
                    if (!repo.path("archived").asBoolean(false) && sweepRepo(name, id, as, key, found)) {
                        swept++;
                    }
                }
            } catch (RateBudget.Spent | PlatformException stop) {
                // One installation's limit is its own: the others are swept all the same.
                stoppedWhy = stopped(key, stop);
            }
        }
        return new SweepResult(swept, stoppedWhy);
    }

    /**
     * The open pull requests of one repository, page by page. A page that is unchanged since it was
     * last handled is skipped; a page is remembered only once all its pull requests were handed over.
     *
     * @return whether the repository was listed (false: not found, or not readable)
     */
    private boolean sweepRepo(String repo, Long installation, GitHubRequests.As as, String key, Found found) {
        if (!REPO.matcher(repo).matches()) {
            return false;
        }
        String url = "/repos/" + repo + "/pulls?state=open&per_page=100";
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            EtagCache.Page known = etags.get(url);
            GitHubRequests.Answer answer;
            try {
                answer = get(url, as, key, known);
            } catch (PlatformException e) {
                if (!e.retryable() && e.notBefore() == null && (e.status() == 404 || e.status() == 403
                        || e.status() == 410 || e.status() == 451)) {
                    LOG.info("reconciler: cannot list the pull requests of {} ({}); skipped", repo, e.getMessage());
                    return page > 0;
                }
                throw e;
            }
            if (answer.status() == 304) {
                url = known.next();
                continue;
            }
            JsonNode pulls = parse(answer.body());
            for (JsonNode pr : pulls) {
                OpenPull open = openPull(repo, installation, pr);
                if (open != null) {
                    found.found(open);
                }
            }
            String next = next(answer.header("Link"));
            etags.put(url, new EtagCache.Page(answer.header("ETag"), null, next));
            url = next;
        }
        return true;
    }

    /**
     * Every item of a listing (all its pages), from the cache for the pages that did not change.
     *
     * @param field the array's field in each page ({@code repositories}), or null when the page is the array
     */
    private List<JsonNode> list(String first, GitHubRequests.As as, String key, String field) {
        List<JsonNode> items = new ArrayList<>();
        String url = first;
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            EtagCache.Page known = etags.get(url);
            GitHubRequests.Answer answer = get(url, as, key, known);
            JsonNode body;
            String next;
            if (answer.status() == 304) {
                body = known.body();
                next = known.next();
            } else {
                body = parse(answer.body());
                next = next(answer.header("Link"));
                etags.put(url, new EtagCache.Page(answer.header("ETag"), body, next));
            }
            (field == null ? body : body.path(field)).forEach(items::add);
            url = next;
        }
        return items;
    }

    /** One GET, conditional when the page is known, within the budget of {@code key}. */
    private GitHubRequests.Answer get(String url, GitHubRequests.As as, String key, EtagCache.Page known) {
        budget.before(key);
        try {
            GitHubRequests.Answer answer = reads.get(url, as, known == null ? null : known.etag());
            budget.after(key, answer.status() != 304, answer.header("X-RateLimit-Limit"),
                    answer.header("X-RateLimit-Remaining"), answer.header("X-RateLimit-Reset"));
            return answer;
        } catch (PlatformException e) {
            if (e.notBefore() != null) {
                budget.pause(key, e.notBefore());
            }
            throw e;
        }
    }

    /** The webhook-shaped payload of one listed pull request: what {@code pull_request.synchronize} carries that evalbot reads. */
    private OpenPull openPull(String repo, Long installation, JsonNode pr) {
        int number = pr.path("number").asInt(0);
        String head = pr.path("head").path("sha").asText(null);
        if (number <= 0 || head == null || !"open".equals(pr.path("state").asText("open"))) {
            return null;
        }
        ObjectNode root = json.createObjectNode();
        root.put("action", OpenPull.ACTION);
        root.put("number", number);
        ObjectNode pull = root.putObject("pull_request");
        pull.put("number", number);
        pull.put("state", "open");
        pull.putObject("head").put("sha", head).put("ref", pr.path("head").path("ref").asText(""));
        pull.putObject("base").put("sha", pr.path("base").path("sha").asText(""))
                .put("ref", pr.path("base").path("ref").asText(""));
        pull.putObject("user").put("login", pr.path("user").path("login").asText(""))
                .put("type", pr.path("user").path("type").asText("User"));
        var labels = pull.putArray("labels");
        pr.path("labels").forEach(l -> labels.addObject().put("name", l.path("name").asText()));
        GitHubPayload.putRepository(root, repo);
        if (installation != null) {
            root.putObject("installation").put("id", installation);
        }
        try {
            PullRequestRef ref = GitHubEvents.ref(GitHubEvent.parse("pull_request", root));
            return new OpenPull(new PullRef(PlatformId.GITHUB, repo, number), head, "pull_request",
                    json.writeValueAsBytes(root), new PullRequestEvent.ReviewRequested(ref, Trigger.SWEPT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null) {
                throw new PlatformException("GitHub answered an empty listing", 200, true, null, null);
            }
            return node;
        } catch (IOException e) {
            throw new PlatformException("GitHub answered a listing that is not JSON", 200, true, null, e);
        }
    }

    static String next(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    private static String stopped(String key, RuntimeException why) {
        LOG.warn("reconciler: sweep of {} stopped: {}", key, why.getMessage());
        return key + ": " + why.getMessage();
    }

    /** GitHub's, listing through the adapter's own connector (its pool, request count and rate-limit handling). */
    public static PullSource of(GitHubPlatform platform, ReconcileSettings settings, Database db, Clock clock) {
        RateBudget budget = new RateBudget(settings.share(), settings.reserve(), clock);
        GitHubRequests requests = platform.requests();
        FailedDeliveries failed = requests.isApp() && !settings.redeliverLookBack().isZero()
                ? new FailedDeliveries(requests, checkpoint(new RedeliveryCheckpoint(db)), settings.redeliverLookBack(),
                        settings.redeliverMax(), budget, clock)
                : null;
        return new GitHubPullSource(requests, settings.githubRepos(), budget, new EtagCache(settings.maxEtags()), failed);
    }


    private static FailedDeliveries.Checkpoint checkpoint(RedeliveryCheckpoint stored) {
        return new FailedDeliveries.Checkpoint() {
            @Override
            public Instant last() {
                return stored.last();
            }

            @Override
            public void reached(Instant when) {
                stored.reached(when);
            }
        };
    }
}
