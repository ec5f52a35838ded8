package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullHead;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ChangedPath;
import dev.evalbot.app.review.CommitState;
import dev.evalbot.app.review.Links;
import dev.evalbot.app.review.OwnedLabels;
import dev.evalbot.app.review.Platform;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.app.review.Review;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub adapter, on org.kohsuke:github-api. Objects are wired from the webhook payload
 * (no request), files are read in one GraphQL query, labels are changed from the labels the
 * payload already lists, and rate-limit answers become retry advice for the inbox rather than
 * a sleeping worker.
 */
public final class GitHubPlatform implements Platform {
    public static final String STATUS_CONTEXT = "evalbot/review";
    private static final Logger LOG = LoggerFactory.getLogger(GitHubPlatform.class);

    private final GitHubSettings settings;
    private final GitHubAuth auth;
    private final HttpClient http;
    private final GitHubCalls calls;
    private final CheckRuns checkRuns;
    private final PullHeads heads;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** github-api objects per reference, so one review parses its payload once. */
    private final Cache<PullRequestRef, GHPullRequest> pulls = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();
    /** Repositories whose evalbot labels are known to exist. */
    private final Cache<String, Boolean> labelledRepos = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofHours(12)).build();
    private volatile String botLogin;
    /** The paced client when this adapter has one (a server's), else null. */
    private final PacedHttpClient paced;
    /** Heads whose wait for the budget is shown on the commit already ("repo@sha"). */
    private final Cache<String, Boolean> noticed = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterWrite(Duration.ofHours(6)).build();
    /** Reviews accepted by this process that wait in the inbox, so that their wait shows before they start. */
    private final WaitingReviews waiting;
    /** Writes a review of a new head spends: comment, labels, verdict. */
    static final int REVIEW_WRITES = 3;

    public GitHubPlatform(GitHubSettings settings, GitHubAuth auth, HttpClient http, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.auth = auth;
        this.http = http;
        this.clock = clock;
        this.calls = new GitHubCalls(settings, auth, http, meters, clock);
        this.checkRuns = new CheckRuns(settings, auth, http, meters, clock);
        this.heads = new PullHeads(settings, auth, http, meters, clock);
        this.botLogin = settings.botLogin();
        this.paced = http instanceof PacedHttpClient p ? p : null;
        this.waiting = new WaitingReviews(clock, 20_000, Duration.ofHours(6));
    }

    /** Plain requests through this adapter's connection, for the reconciler's listings and redeliveries. */
    public GitHubRequests requests() {
        return calls.requests();
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public List<ChangedPath> changedFiles(PullRequestRef pr, int cap) {
        return calls.call(() -> {
            List<ChangedPath> out = new ArrayList<>();
            for (GHPullRequestFileDetail f : pull(pr).listFiles().withPageSize(100)) {
                out.add(new ChangedPath(f.getFilename(), status(f.getStatus()), f.getPreviousFilename()));
                if (out.size() >= cap) {
                    break;
                }
            }
            return out;
        });
    }

    private static ChangedPath.Status status(String s) {
        return switch (s == null ? "" : s) {
            case "added" -> ChangedPath.Status.ADDED;
            case "removed" -> ChangedPath.Status.REMOVED;
            case "renamed" -> ChangedPath.Status.RENAMED;
            default -> ChangedPath.Status.MODIFIED;
        };
    }

    @Override
    public Map<String, byte[]> read(PullRequestRef pr, String rev, List<String> paths, int maxBytes) {
        Map<String, byte[]> out = new HashMap<>();
        String[] ownerName = pr.repo().split("/", 2);
        for (int from = 0; from < paths.size(); from += GraphQlFiles.BATCH) {
            List<String> batch = paths.subList(from, Math.min(paths.size(), from + GraphQlFiles.BATCH));
            JsonNode response = post(pr, settings.graphqlUrl(),
                    GraphQlFiles.body(json, ownerName[0], ownerName[1], rev, batch));
            for (GraphQlFiles.Blob blob : GraphQlFiles.parse(response, batch)) {
                if (blob.byteSize() > maxBytes) {
                    out.put(blob.path(), new byte[maxBytes + 1]); // the validator refuses it as too large
                } else if (blob.binary() || blob.truncated() || blob.text() == null) {
                    out.put(blob.path(), raw(pr, rev, blob.path(), maxBytes));
                } else {
                    out.put(blob.path(), blob.bytes());
                }
            }
        }
        return out;
    }

    /**
     * A review that would wait at least {@link BudgetSettings#noticeAfter()} for its writes says so
     * on its commit once (the queued check run, or a pending status); one that would wait longer
     * than a worker sleeps goes back to the inbox before it reads anything.
     */
    @Override
    public void awaitWriteBudget(PullRequestRef pr, int writes) {
        Long installation = GitHubAuth.installation(pr);
        if (paced == null || pr.headSha() == null || installation == null
                && settings.isApp()) {
            return;
        }
        String account = paced.accountOf(auth.authorization(installation));
        if (account == null) {
            return;
        }
        GitHubBudget budget = paced.budget();
        Duration wait = budget.waitFor(account, writes);
        String key = pr.repo() + "@" + pr.headSha();
        if (wait.compareTo(budget.settings().noticeAfter()) >= 0 && noticed.getIfPresent(key) == null) {
            String text = GitHubBudget.queuedText(wait);
            boolean shown = checkRuns.enabledFor(pr) ? checkRuns.notice(pr, pr.headSha(), text, paced)
                    : statusNotice(pr, pr.headSha(), text);
            if (shown) {
                noticed.put(key, Boolean.TRUE);
            }
        }
        noticeWaiting(account, budget, writes);
        if (wait.compareTo(budget.settings().maxInlineWait()) > 0) {
            throw budget.waitUntil(budget.book(account, writes));
        }
    }

    /**
     * A review of {@code repo#number} at {@code headSha} was accepted into the inbox (called by the
     * webhook route): until it starts, it counts in the wait of the reviews behind it, and shows its
     * own wait when that is long.
     */
    public void arrived(String repo, int number, String headSha, Long installationId) {
        if (paced == null || headSha == null || settings.isApp() && installationId == null) {
            return;
        }
        // The account's name as GitHubAuth#accountOf gives it, without minting a token here.
        String account = settings.isApp() ? "installation " + installationId : "token";
        waiting.arrived(new WaitingReviews.Waiting(account, repo, number, headSha, installationId, clock.instant()));
    }

    /**
     * In a burst the backlog waits in the inbox, not in the budget's line, and a review reaches the
     * budget only once the ones before it are written. So each review that checks the budget also
     * shows the wait of the oldest waiting review that will wait at least
     * {@link BudgetSettings#noticeAfter()} and has not shown it: one notice at most, on the share kept
     * for notices (none when the share is spent, none when no wait that long is expected).
     */
    private void noticeWaiting(String account, GitHubBudget budget, int writes) {
        List<WaitingReviews.Waiting> line = waiting.of(account);
        Duration after = budget.settings().noticeAfter();
        // The i-th waiting review writes after this one's writes and REVIEW_WRITES for each before it.
        // The wait grows with the place in line: the first place that waits long enough, searched from
        // the front (doubling, then halving), so a long line costs no schedule longer than that place's.
        int lo = 0;
        int hi = 1;
        while (hi < line.size() && budget.waitFor(account, writes + REVIEW_WRITES * hi + 1).compareTo(after) < 0) {
            lo = hi + 1;
            hi = Math.min(line.size(), hi * 2);
        }
        hi = Math.min(hi, line.size());
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (budget.waitFor(account, writes + REVIEW_WRITES * mid + 1).compareTo(after) >= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for (int i = lo; i < line.size(); i++) {
            WaitingReviews.Waiting w = line.get(i);
            String key = w.repo() + "@" + w.headSha();
            if (noticed.getIfPresent(key) != null) {
                continue;
            }
            String text = GitHubBudget.queuedText(budget.waitFor(account, writes + REVIEW_WRITES * i + 1));
            waiting.whileWaiting(w, x -> {
                if (noticed.getIfPresent(key) != null) {
                    return false; // another worker showed it meanwhile
                }
                boolean shown = notice(waitingRef(x), text);
                if (shown) {
                    noticed.put(key, Boolean.TRUE);
                }
                return shown;
            });
            return;
        }
    }

    private boolean notice(PullRequestRef pr, String text) {
        try {
            return checkRuns.enabledFor(pr) ? checkRuns.notice(pr, pr.headSha(), text, paced)
                    : statusNotice(pr, pr.headSha(), text);
        } catch (RuntimeException e) { // another review's notice never fails this review
            LOG.debug("the queued notice on {}#{} was not written", pr.repo(), pr.number(), e);
            return false;
        }
    }

    private static PullRequestRef waitingRef(WaitingReviews.Waiting w) {
        return new PullRequestRef(PlatformId.GITHUB, w.repo(), "code", w.number(), w.headSha(), null, null, null, Set.of(),
                w.installationId() == null ? null : w.installationId().toString());
    }

    private boolean statusNotice(PullRequestRef pr, String sha, String text) {
        ObjectNode body = json.createObjectNode().put("state", "pending").put("description", text)
                .put("context", STATUS_CONTEXT);
        if (reviewUrl(pr) != null) {
            body.put("target_url", reviewUrl(pr));
        }
        HttpRequest request = authorized(pr, settings.apiUrl() + "/repos/" + pr.repo() + "/statuses/" + sha)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            return paced.sendNotice(request).map(r -> r.statusCode() / 100 == 2).orElse(false);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public PullHead currentHead(PullRequestRef pr) {
        waiting.started(pr.repo() + "#" + pr.number());
        return heads.current(pr);
    }

    @Override
    public Optional<String> findOwnComment(PullRequestRef pr, String marker) {
        return calls.call(() -> {
            String me = botLogin(pr);
            for (GHIssueComment c : pull(pr).listComments().withPageSize(100)) {
                if (c.getBody() != null && c.getBody().startsWith(marker) && isMe(c.getUserName(), me)) {
                    return Optional.of(Long.toString(c.getId()));
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public String createComment(PullRequestRef pr, String body) {
        return calls.call(() -> Long.toString(pull(pr).comment(body).getId()));
    }

    @Override
    public String updateComment(PullRequestRef pr, String commentId, String body) {
        return calls.call(() -> {
            for (GHIssueComment c : pull(pr).listComments().withPageSize(100)) {
                if (Long.toString(c.getId()).equals(commentId)) {
                    c.update(body);
                    return commentId;
                }
            }
            // Someone deleted the bot's comment: post it again rather than lose the review.
            return Long.toString(pull(pr).comment(body).getId());
        });
    }

    @Override
    public void setLabels(PullRequestRef pr, Set<String> add, Set<String> remove) {
        calls.call(() -> {
            GHPullRequest pull = pull(pr);
            if (!add.isEmpty()) {
                ensureLabels(pull.getRepository());
                pull.addLabels(add.toArray(String[]::new));
            }
            for (String label : remove) {
                // github-api puts "eval/valid" into the path unencoded; GitHub needs eval%2Fvalid.
                String url = settings.apiUrl() + "/repos/" + pr.repo() + "/issues/" + pr.number() + "/labels/"
                        + URLEncoder.encode(label, StandardCharsets.UTF_8).replace("+", "%20");
                HttpResponse<String> response = send(authorized(pr, url).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 404) { // already gone: the end state is what we wanted
                    checkStatus(response.statusCode(), response.headers().map(), "DELETE label");
                }
            }
            return null;
        });
    }

    private void ensureLabels(GHRepository repo) throws IOException {
        if (labelledRepos.getIfPresent(repo.getFullName()) != null) {
            return;
        }
        Set<String> existing = new HashSet<>();
        for (GHLabel l : repo.listLabels().withPageSize(100)) {
            existing.add(l.getName());
        }
        for (OwnedLabels.Definition d : OwnedLabels.DEFINITIONS) {
            if (!existing.contains(d.name())) {
                createLabel(repo, d);
            }
        }
        labelledRepos.put(repo.getFullName(), Boolean.TRUE);
    }

    /**
     * Creates a label that was missing from the listing. GitHub answers 422 "already_exists" when it
     * exists after all: another replica or worker created it since the listing, or an earlier
     * attempt created it although its reply was lost (a 502). The end state is the one wanted, so
     * that is success; treated as a failure it was permanent and dead-lettered the review.
     */
    private static void createLabel(GHRepository repo, OwnedLabels.Definition d) throws IOException {
        try {
            repo.createLabel(d.name(), d.color(), d.description());
        } catch (HttpException e) {
            if (e.getResponseCode() != 422 || e.getMessage() == null || !e.getMessage().contains("already_exists")) {
                throw e;
            }
        }
    }

    /**
     * The check run with one annotation per finding, which carries the verdict: one write. The commit
     * status (context {@value #STATUS_CONTEXT}) only where no check run can be written: a plain token,
     * an installation that refused check runs (403), or a run GitHub rejected. Branch protection
     * requires the check named {@value CheckRunPayloads#NAME} under an App, the status under a token.
     */
    @Override
    public void setReviewStatus(PullRequestRef pr, String sha, CommitState state, String description, Review review) {
        if (!(checkRuns.enabledFor(pr) && checkRuns.publish(pr, sha, review, reviewUrl(pr)))) {
            commitStatus(pr, sha, state, description);
        }
    }

    private String reviewUrl(PullRequestRef pr) {
        return settings.publicUrl() == null ? null : settings.publicUrl() + "/reviews/" + pr.repo() + "/" + pr.number();
    }

    /** Pending and "nothing to review" marks: on the check run where there is one, else the status. */
    @Override
    public void setStatus(PullRequestRef pr, String sha, CommitState state, String description) {
        if (!(checkRuns.enabledFor(pr) && checkRuns.mark(pr, sha, state, description))) {
            commitStatus(pr, sha, state, description);
        }
    }

    private void commitStatus(PullRequestRef pr, String sha, CommitState state, String description) {
        calls.call(() -> {
            String target = reviewUrl(pr);
            pull(pr).getRepository().createCommitStatus(sha, GHCommitState.valueOf(state.name()), target, description,
                    STATUS_CONTEXT);
            return null;
        });
    }

    @Override
    public Links links(PullRequestRef pr) {
        String base = settings.webUrl() + "/" + pr.repo() + "/pull/" + pr.number() + "/files#diff-";
        return (path, line) -> base + sha256(path) + "R" + line;
    }

    private GHPullRequest pull(PullRequestRef pr) throws IOException {
        GHPullRequest cached = pulls.getIfPresent(pr);
        if (cached != null) {
            return cached;
        }
        Long installation = GitHubAuth.installation(pr);
        GitHub gh = calls.client(installation);
        // The adapter's calls need only the pull request's route, which every delivery names: a review
        // that a comment asked for (/evalbot recheck) no longer fetches the pull request for it; the
        // command already read its head.
        GHPullRequest pull = parsePayload(gh, new GitHubPayload("pull_request", routeOnly(pr), installation),
                GHEventPayload.PullRequest.class).getPullRequest();
        pulls.put(pr, pull);
        return pull;
    }

    /**
     * The part of a {@code pull_request} payload the adapter's github-api calls read: their routes
     * name the repository's owner and name and the pull request's number, nothing else. Binding the
     * whole payload (25 KB of users, repositories and links) took a tenth of a review's CPU.
     */
    private String routeOnly(PullRequestRef pr) {
        ObjectNode root = json.createObjectNode();
        root.put("number", pr.number());
        root.putObject("pull_request").put("number", pr.number());
        GitHubPayload.putRepository(root, pr.repo());
        return root.toString();
    }

    /**
     * Builds, once, what github-api builds on its first use: the readers of the payload and of the
     * answers a review reads. On a fresh process that took seconds on a loaded machine, under a lock
     * every worker waited on; done at start-up it is done before the first delivery, or while it waits.
     */
    public void warmUp() {
        try {
            GitHub offline = GitHub.offline();
            parsePayload(offline, new GitHubPayload("pull_request", routeOnly(new PullRequestRef(PlatformId.GITHUB, "o/r",
                    "code", 1, null, null, null, null, Set.of(), null)), null), GHEventPayload.PullRequest.class);
            for (Class<?> type : List.of(GHIssueComment.class, GHIssueComment[].class, GHLabel.class, GHLabel[].class,
                    GHPullRequestFileDetail[].class, org.kohsuke.github.GHCommitStatus.class)) {
                GitHub.getMappingObjectReader().forType(type);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("warming up github-api failed; the first review does it instead", e);
        }
    }

    /**
     * Wires github-api objects from the stored webhook payload (no request). A payload github-api
     * cannot bind (a field of the wrong type) will never bind: that is a permanent failure, not
     * "cannot reach GitHub", which was retried for minutes before it was dead-lettered.
     */
    static <T extends GHEventPayload> T parsePayload(GitHub gh, GitHubPayload payload, Class<T> type)
            throws IOException {
        try {
            return gh.parseEventPayload(new StringReader(payload.json()), type);
        } catch (JsonProcessingException e) {
            throw new PlatformException("the " + payload.event() + " webhook payload cannot be read: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""), 0, false, null, e);
        }
    }

    private String botLogin(PullRequestRef pr) throws IOException {
        if (botLogin == null && !settings.isApp()) {
            botLogin = calls.client(null).getMyself().getLogin();
        }
        return botLogin;
    }

    private static boolean isMe(String login, String me) {
        return login != null && (me != null ? login.equalsIgnoreCase(me) : login.endsWith("[bot]"));
    }

    private HttpRequest.Builder authorized(PullRequestRef pr, String url) {
        Long installation = GitHubAuth.installation(pr);
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", auth.authorization(installation))
                .header("Accept", "application/vnd.github+json");
    }

    private JsonNode post(PullRequestRef pr, String url, String body) {
        Long installation = GitHubAuth.installation(pr);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", auth.authorization(installation))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        checkStatus(response.statusCode(), response.headers().map(), "POST " + URI.create(url).getPath());
        try {
            JsonNode node = json.readTree(response.body());
            if (node.has("errors") && !node.path("data").path("repository").isObject()) {
                throw new PlatformException("GitHub GraphQL error: " + node.path("errors").path(0).path("message").asText(),
                        response.statusCode(), true, null, null);
            }
            return node;
        } catch (IOException e) {
            throw new PlatformException("GitHub sent an unreadable GraphQL answer", response.statusCode(), true, null, e);
        }
    }

    /** A binary or truncated file, straight from the contents API, at most {@code maxBytes + 1} bytes. */
    private byte[] raw(PullRequestRef pr, String rev, String path, int maxBytes) {
        Long installation = GitHubAuth.installation(pr);
        String url = settings.apiUrl() + "/repos/" + pr.repo() + "/contents/" + encodePath(path) + "?ref="
                + URLEncoder.encode(rev, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", auth.authorization(installation))
                .header("Accept", "application/vnd.github.raw").GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            checkStatus(response.statusCode(), response.headers().map(), "GET contents");
            return in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new PlatformException("cannot read " + path + " from GitHub: " + e.getMessage(), 0, true, null, e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw PlatformException.unreachable("GitHub", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", 0, true, null, e);
        }
    }

    private void checkStatus(int status, Map<String, List<String>> headers, String what) {
        checkStatus(status, headers, what, clock);
    }

    /** A non-2xx answer as the failure the inbox understands: retryable on 5xx, 429 and rate limits. */
    static void checkStatus(int status, Map<String, List<String>> headers, String what, Clock clock) {
        if (status >= 200 && status < 300) {
            return;
        }
        boolean retry = status >= 500 || status == 429 || (status == 403 && RetryAdvice.notBefore(headers, clock) != null);
        throw new PlatformException(what + " answered HTTP " + status, status, retry,
                RetryAdvice.notBefore(headers, clock), null);
    }

    private static String encodePath(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            parts.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown from the rate-limit handlers so that a limit turns into a scheduled retry, not a sleep. */
    static final class RetryLater extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient Map<String, List<String>> headers;

        RetryLater(String message, GitHubConnectorResponse response) {
            super(message);
            this.status = response.statusCode();
            this.headers = response.allHeaders();
        }
    }
}
