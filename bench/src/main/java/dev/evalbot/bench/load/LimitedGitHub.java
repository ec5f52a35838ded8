package dev.evalbot.bench.load;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback GitHub App API that enforces secondary rate limits the way GitHub does, scaled: per
 * installation, at most {@code windows} content-creating requests (POST, PATCH, PUT, DELETE; not a
 * GraphQL query) in any sliding window. A write over the limit is answered 403 "secondary rate
 * limit" without {@code Retry-After}, and the installation is then penalised for {@code penaltyMillis}:
 * every request it sends meanwhile is counted as sent during a wait (and answered 403 again).
 * Counts what a benchmark needs: requests and writes, comments per pull request, the time of each
 * pull request's verdict (a completed check run, or a final commit status).
 */
public final class LimitedGitHub implements AutoCloseable {
    /** @param requests allowed in any {@code millis} */
    public record Window(int requests, long millis) {}

    private static final String FILE = "- dataset: {id: cais/hle, task_id: hle}\\n  value: 20.9\\n  notes: burst\\n";
    private static final String LABELS = "[{\"name\":\"eval/valid\"},{\"name\":\"eval/invalid\"},{\"name\":\"eval/verified\"},"
            + "{\"name\":\"eval/unverified\"},{\"name\":\"eval/approved\"},{\"name\":\"eval/rejected\"},"
            + "{\"name\":\"eval/hidden\"}]";

    private final Javalin app;
    private final List<Window> windows;
    private final long penaltyMillis;
    /** Writes to refuse as if over the limit (1-based numbers of accepted-or-refused writes), to show the wait. */
    private final java.util.Set<Long> injected;
    private final AtomicLong writeNumber = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder limited = new LongAdder();
    private final LongAdder duringWait = new LongAdder();
    private final LongAdder notices = new LongAdder();
    private final AtomicLong commentIds = new AtomicLong(1000);
    private final Map<String, LongAdder> comments = new ConcurrentHashMap<>();
    private final Map<String, List<String>> posted = new ConcurrentHashMap<>();
    /** "owner/repo#n" -> System.nanoTime() of its verdict. */
    private final Map<String, Long> verdicts = new ConcurrentHashMap<>();
    /** Check run id -> the head it was created for. */
    private final Map<String, String> runHeads = new ConcurrentHashMap<>();
    /** Per installation token: accepted writes (nanoTime), and the end of its penalty. */
    private final Map<String, ArrayDeque<Long>> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> penaltyUntil = new ConcurrentHashMap<>();

    public LimitedGitHub(List<Window> windows, long penaltyMillis, java.util.Set<Long> injected) {
        this.windows = List.copyOf(windows);
        this.penaltyMillis = penaltyMillis;
        this.injected = injected;
        String graphql = "{\"data\":{\"repository\":{\"f0\":{\"byteSize\":60,\"isBinary\":false,\"isTruncated\":false,"
                + "\"text\":\"" + FILE + "\"}}}}";
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.defaultHost = "127.0.0.1";
            c.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(200, 8);
        });
        app.before(this::enforce);
        app.post("/app/installations/{id}/access_tokens", ctx -> ctx.status(201).contentType("application/json")
                .result("{\"token\":\"ghs_" + ctx.pathParam("id") + "\",\"expires_at\":\"2099-01-01T00:00:00Z\"}"));
        app.get("/repos/{o}/{r}/pulls/{n}/files", ctx -> ctx.contentType("application/json")
                .result("[{\"filename\":\".eval_results/burst.yaml\",\"status\":\"added\",\"sha\":\"" + "0".repeat(40)
                        + "\"}]"));
        app.get("/repos/{o}/{r}/pulls/{n}", ctx -> {
            int n = Integer.parseInt(ctx.pathParam("n"));
            int commented = comments.containsKey(key(ctx)) ? 1 : 0;
            String head = head(ctx.pathParam("r"), n);
            String etag = "\"" + head + "-" + commented + "\"";
            ctx.header("ETag", etag);
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            ctx.contentType("application/json").result("{\"number\":" + n + ",\"state\":\"open\",\"comments\":"
                    + commented + ",\"labels\":[],\"head\":{\"sha\":\"" + head + "\"},\"base\":{\"sha\":\""
                    + "f".repeat(40) + "\"}}");
        });
        app.post("/graphql", ctx -> ctx.contentType("application/json").result(graphql));
        // The comments listing shows the bot's comments, as GitHub does: a review that lost the id of the
        // comment it created (a crash, a wait) finds it there instead of posting a second one.
        app.get("/repos/{o}/{r}/issues/{n}/comments", ctx -> ctx.contentType("application/json")
                .result("[" + String.join(",", posted.getOrDefault(key(ctx), List.of())) + "]"));
        app.post("/repos/{o}/{r}/issues/{n}/comments", ctx -> {
            comments.computeIfAbsent(key(ctx), k -> new LongAdder()).increment();
            String comment = "{\"id\":" + commentIds.incrementAndGet() + ",\"body\":"
                    + new com.fasterxml.jackson.databind.ObjectMapper().readTree(ctx.body()).path("body").toString()
                    + ",\"user\":{\"login\":\"evalbot[bot]\",\"type\":\"Bot\"}}";
            posted.computeIfAbsent(key(ctx), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(comment);
            ctx.status(201).contentType("application/json").result(comment);
        });
        app.patch("/repos/{o}/{r}/issues/comments/{id}", ctx -> ctx.contentType("application/json").result("{\"id\":1}"));
        app.get("/repos/{o}/{r}/labels", ctx -> ctx.contentType("application/json").result(LABELS));
        app.post("/repos/{o}/{r}/issues/{n}/labels", ctx -> ctx.contentType("application/json").result("[]"));
        app.delete("/repos/{o}/{r}/issues/{n}/labels/{l}", ctx -> ctx.contentType("application/json").result("[]"));
        app.post("/repos/{o}/{r}/check-runs", ctx -> {
            if (ctx.body().contains("queued: GitHub's rate limit")) {
                notices.increment();
            }
            verdict(ctx, ctx.body().contains("\"completed\""), ctx.body());
            long id = commentIds.incrementAndGet();
            String sha = headOf(ctx.body());
            if (sha != null) {
                runHeads.put(Long.toString(id), sha);
            }
            ctx.status(201).contentType("application/json").result("{\"id\":" + id + "}");
        });
        app.patch("/repos/{o}/{r}/check-runs/{id}", ctx -> {
            // A PATCH need not name the head: the run's id does (a queued notice's run completed by its verdict).
            String body = ctx.body();
            String sha = runHeads.get(ctx.pathParam("id"));
            verdict(ctx, body.contains("\"completed\""), headOf(body) == null && sha != null
                    ? "\"head_sha\":\"" + sha + "\"" : body);
            ctx.contentType("application/json").result("{\"id\":" + ctx.pathParam("id") + "}");
        });
        app.post("/repos/{o}/{r}/statuses/{sha}", ctx -> {
            verdict(ctx, !ctx.body().contains("\"pending\""), ctx.body());
            ctx.status(201).contentType("application/json").result("{\"state\":\"success\"}");
        });
    }

    /** The head sha of pull request {@code n} of repository {@code repo}. */
    static String head(String repo, int n) {
        return String.format("%08x%032x", Math.abs(repo.hashCode()), n);
    }

    private void verdict(Context ctx, boolean final_, String body) {
        if (!final_) {
            return;
        }
        // The check run and the status name the head; the head names the pull request.
        String sha = ctx.pathParamMap().containsKey("sha") ? ctx.pathParam("sha") : headOf(body);
        if (sha != null) {
            verdicts.putIfAbsent(ctx.pathParam("o") + "/" + ctx.pathParam("r") + "@" + sha, System.nanoTime());
        }
    }

    private static String headOf(String body) {
        int at = body.indexOf("\"head_sha\":\"");
        return at < 0 ? null : body.substring(at + 12, at + 12 + 40);
    }

    private void enforce(Context ctx) {
        requests.increment();
        String token = ctx.header("Authorization");
        if (token == null || !token.startsWith("token ")) {
            return; // the App's own JWT calls
        }
        long now = System.nanoTime();
        boolean write = !ctx.method().name().equals("GET") && !ctx.path().equals("/graphql");
        synchronized (this) {
            Long until = penaltyUntil.get(token);
            if (until != null && now < until) {
                duringWait.increment();
                refuse(ctx);
                return;
            }
            if (!write) {
                return;
            }
            ArrayDeque<Long> sent = accepted.computeIfAbsent(token, t -> new ArrayDeque<>());
            long longest = windows.stream().mapToLong(Window::millis).max().orElse(0) * 1_000_000;
            while (!sent.isEmpty() && sent.peekFirst() <= now - longest) {
                sent.pollFirst();
            }
            boolean over = injected.contains(writeNumber.incrementAndGet());
            for (Window w : windows) {
                long from = now - w.millis() * 1_000_000;
                long inWindow = sent.stream().filter(t -> t > from).count();
                over |= inWindow >= w.requests();
            }
            if (over) {
                limited.increment();
                penaltyUntil.put(token, now + penaltyMillis * 1_000_000);
                refuse(ctx);
                return;
            }
            sent.addLast(now);
            writes.increment();
        }
    }

    private static void refuse(Context ctx) {
        ctx.status(403).contentType("application/json").result("{\"message\":\"You have exceeded a secondary rate "
                + "limit. Please wait a few minutes before you try again.\"}");
        ctx.skipRemainingHandlers();
    }

    public LimitedGitHub start() {
        app.start(0);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    public long requests() {
        return requests.sum();
    }

    /** Writes GitHub accepted. */
    public long writes() {
        return writes.sum();
    }

    public long limited() {
        return limited.sum();
    }

    /** Queued check runs saying how long a review waits for the budget. */
    public long notices() {
        return notices.sum();
    }

    public long sentDuringWait() {
        return duringWait.sum();
    }

    public long duplicateComments() {
        return comments.values().stream().mapToLong(LongAdder::sum).filter(c -> c > 1).map(c -> c - 1).sum();
    }

    public long commented() {
        return comments.size();
    }

    /** When the pull request with this head got its verdict (System.nanoTime()), or null. */
    public Long verdictAt(String repo, String head) {
        return verdicts.get(repo + "@" + head);
    }

    private static String key(Context ctx) {
        return ctx.pathParam("o") + "/" + ctx.pathParam("r") + "#" + ctx.pathParam("n");
    }

    @Override
    public void close() {
        app.stop();
    }
}
