package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.event.Comment;
import dev.evalbot.app.event.PullHead;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.ChangedPath;
import dev.evalbot.app.review.CommitState;
import dev.evalbot.app.review.Links;
import dev.evalbot.app.review.Platform;
import dev.evalbot.app.review.PlatformException;
import dev.evalbot.rules.check.FileKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Hugging Face Hub adapter, over java.net.http. A Hub pull request is a discussion whose
 * files live at git ref {@code refs/pr/N}. The Hub has no labels and no commit statuses, so those
 * calls do nothing and the verdict lives in the one evalbot comment, created once and then edited.
 */
public final class HubPlatform implements Platform {
    static final String RESULTS_DIR = ".eval_results";
    static final String BENCHMARK_FILE = "eval.yaml";

    /** The bot's own account, from {@code /api/whoami-v2}. */
    public record Account(String id, String name) {
        boolean is(JsonNode author) {
            String authorName = author.path("name").asText(null);
            String authorId = author.path("_id").asText(author.path("id").asText(null));
            return (name != null && name.equalsIgnoreCase(authorName)) || (id != null && id.equals(authorId));
        }
    }

    private final HubSettings settings;
    private final HubHttp http;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Account me;

    public HubPlatform(HubSettings settings, HttpClient http, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.http = new HubHttp(settings, http, meters, clock, json);
    }

    @Override
    public String name() {
        return "hub";
    }

    /**
     * The results files at the head of the pull request: every file under {@code .eval_results/}
     * and, in a dataset repository, a root {@code eval.yaml}. The Hub's diff is not read on
     * purpose: the Hub's users expect every results file at the PR head to be reviewed (a PR that
     * touches only the README still shows whether the repository's results are valid), and the
     * tree is one or two requests where the diff would be a large patch to parse.
     */
    @Override
    public List<ChangedPath> changedFiles(PullRequestRef pr, int cap) {
        String rev = head(pr);
        String tree = http.url(HubPaths.api(pr.repoType(), pr.repo()) + "/tree/" + HubPaths.rev(rev));
        List<ChangedPath> out = new ArrayList<>();
        boolean resultsDir = true;
        if (isDataset(pr)) {
            // Only a dataset's eval.yaml defines a benchmark; the root listing also says whether
            // .eval_results exists, which saves a request on most datasets.
            resultsDir = false;
            for (JsonNode entry : list("tree", tree)) {
                String path = entry.path("path").asText("");
                if (path.equals(BENCHMARK_FILE) && isFile(entry)) {
                    out.add(new ChangedPath(path, ChangedPath.Status.MODIFIED, null));
                } else if (path.equals(RESULTS_DIR)) {
                    resultsDir = true;
                }
            }
        }
        if (resultsDir) {
            for (JsonNode entry : list("tree", tree + "/" + RESULTS_DIR + "?recursive=true")) {
                String path = entry.path("path").asText("");
                if (out.size() >= cap) {
                    break;
                }
                if (isFile(entry) && FileKind.ofRepoPath(path) == FileKind.RESULTS) {
                    out.add(new ChangedPath(path, ChangedPath.Status.MODIFIED, null));
                }
            }
        }
        return out;
    }

    /** Every entry of a paginated tree listing (empty when the path does not exist at that revision). */
    private List<JsonNode> list(String op, String url) {
        List<JsonNode> entries = new ArrayList<>();
        String next = url;
        while (next != null) {
            Optional<HubHttp.Page> page = http.getPage(op, next);
            if (page.isEmpty()) {
                break;
            }
            page.get().body().forEach(entries::add);
            next = page.get().next();
        }
        return entries;
    }

    private static boolean isFile(JsonNode entry) {
        return "file".equals(entry.path("type").asText());
    }

    @Override
    public Map<String, byte[]> read(PullRequestRef pr, String rev, List<String> paths, int maxBytes) {
        String at = rev == null ? HubPaths.prRef(pr.number()) : rev;
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String path : paths) {
            String url = http.url(HubPaths.web(pr.repoType(), pr.repo()) + "/resolve/" + HubPaths.rev(at) + "/"
                    + HubPaths.segments(path));
            http.getBytes("resolve", url, maxBytes).ifPresent(bytes -> out.put(path, bytes));
        }
        return out;
    }

    /**
     * The revision {@code refs/pr/N} points at now (one request). The Hub has no labels, and its
     * discussion listing is the only way to know about comments, so a review without a record of
     * its comment always looks.
     */
    @Override
    public PullHead currentHead(PullRequestRef pr) {
        String sha = headSha(pr).orElseThrow(() -> new PlatformException(
                HubPaths.prRef(pr.number()) + " of " + pr.repo() + " not found", 404, false, null, null));
        return new PullHead(sha, pr.baseSha(), Set.of(), true);
    }

    @Override
    public Optional<String> findOwnComment(PullRequestRef pr, String marker) {
        Account self = me();
        for (JsonNode event : discussion(pr).path("events")) {
            String raw = event.path("data").path("latest").path("raw").asText("");
            if ("comment".equals(event.path("type").asText()) && raw.startsWith(marker) && self.is(event.path("author"))) {
                return Optional.of(event.path("id").asText());
            }
        }
        return Optional.empty();
    }

    @Override
    public String createComment(PullRequestRef pr, String body) {
        JsonNode answer = http.send("comment", "POST", discussionUrl(pr) + "/comment",
                json.createObjectNode().put("comment", body));
        String id = answer.path("newMessage").path("id").asText(answer.path("id").asText(""));
        if (id.isEmpty()) {
            throw new PlatformException("the Hub created the comment but sent no id", 200, false, null, null);
        }
        return id;
    }

    @Override
    public String updateComment(PullRequestRef pr, String commentId, String body) {
        try {
            http.send("comment-edit", "POST", discussionUrl(pr) + "/comment/" + HubPaths.segments(commentId) + "/edit",
                    json.createObjectNode().put("content", body));
            return commentId;
        } catch (PlatformException e) {
            if (e.status() != 404) {
                throw e;
            }
            // The comment is gone: post the review again rather than lose it.
            return createComment(pr, body);
        }
    }

    /** The Hub has no labels: the tier and verdict are in the comment. */
    @Override
    public void setLabels(PullRequestRef pr, Set<String> add, Set<String> remove) {
        // nothing to do on the Hub
    }

    /** The Hub has no commit statuses: the verdict is in the comment. */
    @Override
    public void setStatus(PullRequestRef pr, String sha, CommitState state, String description) {
        // nothing to do on the Hub
    }

    /** A line of a file as the PR head shows it, e.g. {@code https://huggingface.co/o/m/blob/refs%2Fpr%2F7/.eval_results/a.yaml#L3}. */
    @Override
    public Links links(PullRequestRef pr) {
        String base = settings.endpoint() + HubPaths.web(pr.repoType(), pr.repo()) + "/blob/"
                + HubPaths.rev(HubPaths.prRef(pr.number())) + "/";
        return (path, line) -> base + HubPaths.segments(path) + (line > 0 ? "#L" + line : "");
    }

    /**
     * Closes the pull request with a comment ({@code /evalbot reject} where the repository's
     * configuration asks for it). The Hub's own client sends this as a POST to {@code .../status}.
     */
    public void close(PullRequestRef pr, String comment) {
        var body = json.createObjectNode().put("status", "closed");
        if (comment != null && !comment.isBlank()) {
            body.put("comment", comment.strip());
        }
        http.send("status", "POST", discussionUrl(pr) + "/status", body);
    }

    /** The sha {@code refs/pr/N} points at now, for events that do not carry it (a discussion opened). */
    public Optional<String> headSha(PullRequestRef pr) {
        String url = http.url(HubPaths.api(pr.repoType(), pr.repo()) + "/revision/"
                + HubPaths.rev(HubPaths.prRef(pr.number())) + "?expand=sha");
        return http.getJson("revision", url).map(n -> n.path("sha").asText(null));
    }

    /**
     * The Hub user name of comment {@code commentId} (webhooks carry only the author's id), for the
     * command engine's permission check.
     */
    public Optional<String> commentAuthor(PullRequestRef pr, String commentId) {
        for (JsonNode event : discussion(pr).path("events")) {
            if (commentId.equals(event.path("id").asText())) {
                return Optional.ofNullable(event.path("author").path("name").asText(null));
            }
        }
        return Optional.empty();
    }

    /** The bot's own account, asked once: {@code whoami-v2} is strictly rate limited. */
    public Account me() {
        Account cached = me;
        if (cached == null) {
            JsonNode who = http.getJson("whoami", http.url("/api/whoami-v2"))
                    .orElseThrow(() -> new PlatformException("whoami-v2 not found: is HF_ENDPOINT right?", 404, false,
                            null, null));
            cached = new Account(who.path("id").asText(null), who.path("name").asText(null));
            me = cached;
        }
        return cached;
    }

    /** Whether a webhook's author id is the bot itself (its own comments never run commands). */
    public boolean isMe(String authorId) {
        return authorId != null && authorId.equals(me().id());
    }

    private JsonNode discussion(PullRequestRef pr) {
        return http.getJson("discussion", discussionUrl(pr))
                .orElseThrow(() -> new PlatformException("discussion " + pr.subject() + " not found", 404, false, null, null));
    }

    private String discussionUrl(PullRequestRef pr) {
        return http.url(HubPaths.api(pr.repoType(), pr.repo()) + "/discussions/" + pr.number());
    }

    /** Read at the sha the event named when it named one, so the list and the bytes agree; else at the PR ref. */
    private static String head(PullRequestRef pr) {
        return pr.headSha() != null ? pr.headSha() : HubPaths.prRef(pr.number());
    }

    private static boolean isDataset(PullRequestRef pr) {
        return "dataset".equals(pr.repoType());
    }

    /** A comment's author by name (the Hub's payloads give the id only); empty for the bot's own comment. */
    public Optional<Comment> namedAuthor(PullRequestRef pr, Comment comment) {
        if (isMe(comment.actorId())) {
            return Optional.empty();
        }
        return Optional.of(comment.by(commentAuthor(pr, comment.commentId()).orElse(""), false));
    }
}
