package dev.evalbot.bench.load;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback GitHub for load runs: answers the calls a review makes for any pull request of any
 * repository, with a configurable latency and error rate (502, 429 and secondary-rate-limit 403
 * with Retry-After), and counts what it saw: requests, comments created per pull request.
 */
public final class FakeGitHubServer implements AutoCloseable {
    private static final String FILE = "- dataset: {id: cais/hle, task_id: hle}\\n  value: 20.9\\n  notes: load\\n";

    private final Javalin app;
    private final long latencyMillis;
    private final double errorRate;
    private final Random random = new Random(42);
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong commentIds = new AtomicLong(1000);
    /** pull request key -> comments created (more than one is a duplicate). */
    private final Map<String, LongAdder> comments = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    /** head sha -> System.nanoTime() of its first final (not pending) status. */
    private final Map<String, Long> firstFinalStatus = new ConcurrentHashMap<>();

    /** pull request number -> System.nanoTime() of its first comment. */
    private final Map<String, Long> firstComment = new ConcurrentHashMap<>();

    public FakeGitHubServer(long latencyMillis, double errorRate) {
        this(latencyMillis, errorRate, 1);
    }

    /** @param files results files in every pull request (each is one valid entry) */
    public FakeGitHubServer(long latencyMillis, double errorRate, int files) {
        this.latencyMillis = latencyMillis;
        this.errorRate = errorRate;
        java.util.List<Map<String, String>> changed = new java.util.ArrayList<>();
        StringBuilder blobs = new StringBuilder();
        for (int i = 0; i < files; i++) {
            changed.add(Map.of("filename", ".eval_results/load-" + i + ".yaml", "status", "added", "sha", "0".repeat(40)));
            blobs.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":{\"byteSize\":60,\"isBinary\":false,")
                    .append("\"isTruncated\":false,\"text\":\"").append(FILE.replace("notes: load", "notes: load " + i))
                    .append("\"}");
        }
        String graphql = "{\"data\":{\"repository\":{" + blobs + "}}}";
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.jetty.defaultHost = "127.0.0.1";
            c.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(400, 8);
        });
        app.before(this::slowAndFaulty);
        app.get("/repos/{o}/{r}/pulls/{n}/files", ctx -> ctx.json(changed));
        // The pull request now: the load generator's pull request n has head sha n (hex), pushed once.
        // The ETag changes with the comment count, as on GitHub; a request with the current one gets 304.
        app.get("/repos/{o}/{r}/pulls/{n}", ctx -> {
            int n = Integer.parseInt(ctx.pathParam("n"));
            int commented = comments.containsKey(key(ctx)) ? 1 : 0;
            String etag = "\"" + n + "-" + commented + "\"";
            ctx.header("ETag", etag);
            if (etag.equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
            ctx.contentType("application/json").result("{\"number\":" + n + ",\"state\":\"open\",\"comments\":"
                    + commented + ",\"labels\":[],\"head\":{\"sha\":\"" + String.format("%040x", n)
                    + "\"},\"base\":{\"sha\":\"" + "f".repeat(40) + "\"}}");
        });
        app.post("/graphql", ctx -> ctx.contentType("application/json").result(graphql));
        // For the Probot peer (bench/peer): its app auth and the REST contents API it reads files with.
        app.post("/app/installations/{id}/access_tokens", ctx -> ctx.status(201).contentType("application/json")
                .result("{\"token\":\"t\",\"expires_at\":\"2099-01-01T00:00:00Z\",\"permissions\":{},"
                        + "\"repository_selection\":\"all\"}"));
        app.get("/repos/{o}/{r}/contents/<path>", ctx -> ctx.contentType("application/json")
                .result("{\"type\":\"file\",\"encoding\":\"base64\",\"path\":\"" + ctx.pathParam("path")
                        + "\",\"content\":\"" + java.util.Base64.getEncoder().encodeToString(FILE.replace("\\n", "\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}"));
        app.get("/repos/{o}/{r}/issues/{n}/comments", ctx -> ctx.contentType("application/json").result("[]"));
        app.post("/repos/{o}/{r}/issues/{n}/comments", ctx -> {
            comments.computeIfAbsent(key(ctx), k -> new LongAdder()).increment();
            firstComment.putIfAbsent(ctx.pathParam("n"), System.nanoTime());
            ctx.status(201).contentType("application/json").result("{\"id\":" + commentIds.incrementAndGet()
                    + ",\"body\":\"x\",\"user\":{\"login\":\"evalbot[bot]\",\"type\":\"Bot\"}}");
        });
        app.patch("/repos/{o}/{r}/issues/comments/{id}", ctx -> ctx.contentType("application/json").result("{\"id\":1}"));
        app.get("/repos/{o}/{r}/labels", ctx -> ctx.contentType("application/json").result("[]"));
        app.post("/repos/{o}/{r}/labels", ctx -> ctx.status(201).contentType("application/json")
                .result("{\"name\":\"x\",\"color\":\"ededed\"}"));
        app.post("/repos/{o}/{r}/issues/{n}/labels", ctx -> ctx.contentType("application/json").result("[]"));
        app.delete("/repos/{o}/{r}/issues/{n}/labels/{l}", ctx -> ctx.contentType("application/json").result("[]"));
        app.post("/repos/{o}/{r}/statuses/{sha}", ctx -> {
            String body = ctx.body();
            if (!body.contains("\"pending\"")) {
                firstFinalStatus.putIfAbsent(ctx.pathParam("sha"), System.nanoTime());
                statuses.computeIfAbsent(ctx.pathParam("o") + "/" + ctx.pathParam("r") + "@" + ctx.pathParam("sha"),
                        k -> new LongAdder()).increment();
            }
            ctx.status(201).contentType("application/json").result("{\"state\":\"success\"}");
        });
    }

    private static String key(Context ctx) {
        return ctx.pathParam("o") + "/" + ctx.pathParam("r") + "#" + ctx.pathParam("n");
    }

    private void slowAndFaulty(Context ctx) throws InterruptedException {
        requests.increment();
        if (latencyMillis > 0) {
            Thread.sleep(latencyMillis); // the fake's configured latency, not test synchronisation
        }
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (roll < errorRate) {
            errors.increment();
            int kind = (int) (roll / errorRate * 3);
            switch (kind) {
                case 0 -> ctx.status(502).result("bad gateway");
                case 1 -> ctx.status(429).header("Retry-After", "1").result("{\"message\":\"rate limited\"}");
                default -> ctx.status(403).header("Retry-After", "1")
                        .result("{\"message\":\"You have exceeded a secondary rate limit\"}");
            }
            ctx.skipRemainingHandlers();
        }
    }

    public FakeGitHubServer start() {
        app.start(0);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    public long requests() {
        return requests.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long pullRequestsCommented() {
        return comments.size();
    }

    public long duplicateComments() {
        return comments.values().stream().mapToLong(a -> Math.max(0, a.sum() - 1)).sum();
    }

    public long finalStatuses() {
        return statuses.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** When each head got its first final status (System.nanoTime()), by head sha. */
    public Map<String, Long> firstFinalStatus() {
        return firstFinalStatus;
    }

    /** When each pull request got its first comment (System.nanoTime()), by number. */
    public Map<String, Long> firstComment() {
        return firstComment;
    }

    public long headsWithFinalStatus() {
        return statuses.size();
    }

    /** What the fake has counted so far; a later snapshot minus this one is what happened in between. */
    public Counts counts() {
        return new Counts(requests(), errors(), finalStatuses(), headsWithFinalStatus(), pullRequestsCommented(),
                duplicateComments());
    }

    /** The fake's counters at one moment (heads and pull requests are counted once each). */
    public record Counts(long requests, long errors, long finalStatuses, long headsWithFinalStatus,
            long pullRequestsCommented, long duplicateComments) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        public Counts minus(Counts o) {
            return new Counts(requests - o.requests, errors - o.errors, finalStatuses - o.finalStatuses,
                    headsWithFinalStatus - o.headsWithFinalStatus, pullRequestsCommented - o.pullRequestsCommented,
                    duplicateComments - o.duplicateComments);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
