package dev.evalbot.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Drives a real evalbot (a child process running the shipped jar) with signed GitHub deliveries
 * built from the shipped payloads, against {@link FakeGitHubServer}, and prints what users care
 * about: intake, reply latency, review latency, API requests per review, errors, lost deliveries,
 * duplicate comments and resident memory.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.LoadGenerator [--rate N|--flat-out]
 *     [--seconds S] [--warmup W] [--prs P] [--files F] [--latency-ms L] [--error-rate E] [--concurrency C]
 *     [--jar app/target/evalbot.jar] [--jvm-args "-XX:StartFlightRecording=filename=/tmp/review.jfr"]</pre>
 *
 * <p>Review latency is measured per pull request, from sending its first delivery to its head's first
 * final status; at a low rate (say {@code --rate 5 --prs 50 --files 10}) that is the time one review
 * takes, at a high rate it includes the wait in the inbox.
 *
 * <p>CPU per review is taken over the second half of the sending, once the JIT has mostly settled:
 * the server's CPU time (per thread, from {@code /proc}) divided by the final statuses set meanwhile.
 * With {@code --prs} at least the deliveries sent, every delivery is a new pull request's first review.
 *
 * <p>{@code --warmup W} first sends the same load (same rate, same number of pull requests and deliveries
 * per pull request) for W seconds to other pull requests (numbers from {@value #WARMUP_FIRST_PR}), waits
 * until they are all reviewed and GitHub has been quiet for a moment, and only then starts the measured
 * phase: a bot runs for days, so its steady state is a warm JVM, not a fresh one's first seconds. Every
 * row then counts the measured phase only. The default 0 measures a fresh server, as before.
 */
public final class LoadGenerator {
    static final String SECRET = "load-secret";
    /** The warm-up's first pull request number: far from the measured ones (1..prs), so none is coalesced. */
    static final int WARMUP_FIRST_PR = 1_000_001;

    /** The numbers of one load run, as printed in its table. */
    public record Result(String name, long sent, long failures, double intakePerSecond, long replyP99Nanos,
            long reviewed, long lost, long duplicateComments, double apiRequestsPerReview, long rssKb,
            double cpuIntakeSeconds) {
    }

    public record Options(int rate, int seconds, int prs, long latencyMs, double errorRate, String jar, int concurrency,
            int files, int warmup) {
        public static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--flat-out")) {
                    m.put("--rate", "0");
                } else if (i + 1 < args.length) {
                    m.put(args[i], args[++i]);
                }
            }
            return new Options(Integer.parseInt(m.getOrDefault("--rate", "500")),
                    Integer.parseInt(m.getOrDefault("--seconds", "10")), Integer.parseInt(m.getOrDefault("--prs", "200")),
                    Long.parseLong(m.getOrDefault("--latency-ms", "0")),
                    Double.parseDouble(m.getOrDefault("--error-rate", "0")),
                    m.getOrDefault("--jar", "app/target/evalbot.jar"),
                    Integer.parseInt(m.getOrDefault("--concurrency", "64")),
                    Integer.parseInt(m.getOrDefault("--files", "1")),
                    Integer.parseInt(m.getOrDefault("--warmup", "0")));
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = Files.createTempDirectory("evalbot-load");
        try (FakeGitHubServer github = new FakeGitHubServer(o.latencyMs(), o.errorRate(), o.files()).start()) {
            int port = freePort();
            List<String> jvmArgs = jvmArgs(args);
            Process evalbot = startEvalbot(o, work, github.url(), port, jvmArgs);
            try {
                run(o, github, evalbot.pid(), URI.create("http://127.0.0.1:" + port + "/webhooks/github"),
                        "evalbot", false);
            } finally {
                evalbot.destroy();
                evalbot.waitFor();
            }
        }
    }

    /** {@code --jvm-args "A B"}: more options for the server's JVM, split at spaces. */
    static List<String> jvmArgs(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--jvm-args")) {
                return List.of(args[i + 1].trim().split("\\s+"));
            }
        }
        return List.of();
    }

    /**
     * Sends the load described by {@code o} to {@code target} (a server whose GitHub is {@code github}),
     * waits for every pull request to be reviewed, prints the table and returns its numbers.
     *
     * @param pid the server's process, for its CPU time and memory
     * @param byComment a pull request counts as reviewed at its first comment (for a server that sets
     *     no commit status) rather than at its head's first final status
     */
    public static Result run(Options o, FakeGitHubServer github, long pid, URI target, String name, boolean byComment)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String warmupRow = "none: a fresh server";
        if (o.warmup() > 0) {
            long w0 = System.nanoTime();
            Phase warm = send(o, o.warmup(), WARMUP_FIRST_PR, "warmup-", http, target, pid, github);
            FakeGitHubServer.Counts wc = github.counts();
            long warmReviewed = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while ((warmReviewed = byComment ? github.pullRequestsCommented() : github.headsWithFinalStatus())
                    < Math.min(o.prs(), warm.sent()) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            // Repeat deliveries may still be in the inbox after the last first review: wait until GitHub has
            // heard nothing for half a second, so the warm-up's tail is not measured (bounded at 30 s).
            long quietDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (long seen = -1; seen != github.requests() && System.nanoTime() < quietDeadline; ) {
                seen = github.requests();
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
            warmupRow = String.format("%d s at the same rate: %d deliveries to %d other pull requests (%d reviewed, %d "
                    + "non-2xx), reply p99 %s, %d GitHub requests; %.1f s until drained and quiet; not counted below",
                    o.warmup(), warm.sent(), Math.min(o.prs(), warm.sent()), warmReviewed, warm.failures(),
                    ms(pct(warm.latencies(), 99)), wc.requests(), (System.nanoTime() - w0) / 1e9 - warm.seconds());
        }
        FakeGitHubServer.Counts base = github.counts();
        long cpuBefore = cpuMillis(pid);
        ThreadCpu.Sample measuredStart = ThreadCpu.sample(pid);
        Phase measured = send(o, o.seconds(), 1, "load-", http, target, pid, github);
        long sent = measured.sent();
        double seconds = measured.seconds();
        long intakeDone = System.nanoTime();
        long cpuIntake = cpuMillis(pid) - cpuBefore;
        // Drain: every pull request's newest head gets its final status (superseded heads need none).
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        java.util.function.LongSupplier reviewed = () -> {
            FakeGitHubServer.Counts c = github.counts().minus(base);
            return byComment ? c.pullRequestsCommented() : c.headsWithFinalStatus();
        };
        while (reviewed.getAsLong() < Math.min(o.prs(), sent) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        double drain = (System.nanoTime() - intakeDone) / 1e9;
        long cpuDrained = cpuMillis(pid) - cpuBefore;
        long rss = rssKb(pid);
        ThreadCpu.Sample drained = ThreadCpu.sample(pid);
        ThreadCpu.Sample half = measured.half();
        long secondHalfReviews = github.finalStatuses() - measured.halfStatuses();
        FakeGitHubServer.Counts counts = github.counts().minus(base);
        AtomicLong failures = new AtomicLong(measured.failures());
        long[] sorted = measured.latencies();
        Map<String, Long> firstSent = measured.firstSent();
        Map<String, Long> done = byComment ? github.firstComment() : github.firstFinalStatus();
        Map<String, Long> started = firstSent;
        if (byComment) { // the fake knows comments by pull request number, heads are numbered the same way
            started = new HashMap<>();
            for (Map.Entry<String, Long> e : firstSent.entrySet()) {
                started.put(Long.toString(Long.parseLong(e.getKey(), 16)), e.getValue());
            }
        }
        Map<String, Long> begun = started;
        long[] reviews = done.entrySet().stream().filter(e -> begun.containsKey(e.getKey()))
                .mapToLong(e -> e.getValue() - begun.get(e.getKey())).sorted().toArray();
        long reviewedCount = reviewed.getAsLong();
        long lost = Math.max(0, Math.min(o.prs(), sent) - reviewedCount);
        double perReview = counts.requests() / (double) Math.max(1, byComment ? reviewedCount : counts.finalStatuses());
        System.out.println();
        System.out.println("| " + name + " | value |");
        System.out.println("|---|---|");
        row("mode", o.rate() > 0 ? o.rate() + " deliveries/s for " + o.seconds() + " s" : "flat out for " + o.seconds() + " s");
        row("warm-up", warmupRow);
        row("fake GitHub", "latency " + o.latencyMs() + " ms, error rate " + o.errorRate());
        row("deliveries sent", Long.toString(sent));
        row("intake (2xx replies/s)", String.format("%.0f", (sent - failures.get()) / seconds));
        row("reply latency p50 / p99 / max", ms(pct(sorted, 50)) + " / " + ms(pct(sorted, 99)) + " / "
                + ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        row("non-2xx replies or errors", Long.toString(failures.get()));
        row("pull requests reviewed" + (byComment ? " (commented)" : ""), reviewedCount + " of " + Math.min(o.prs(), sent));
        row("drain after intake", String.format("%.1f s", drain));
        row("review latency p50 / p99 (" + o.files() + " files; first delivery sent to "
                + (byComment ? "first comment)" : "final status)"),
                ms(pct(reviews, 50)) + " / " + ms(pct(reviews, 99)));
        row("GitHub API requests per review" + (byComment ? " (all requests / pull requests commented)" : ""),
                String.format("%.1f", perReview));
        row("GitHub errors injected", Long.toString(counts.errors()));
        row("lost deliveries", Long.toString(lost));
        row("duplicate comments", Long.toString(counts.duplicateComments()));
        row(name + " resident memory", rss / 1024 + " MB");
        // CPU time is what a busy shared machine distorts least: latency waits for a core, CPU does not.
        row(name + " CPU during intake / until drained", String.format("%.1f s / %.1f s (%.2f ms per delivery sent)",
                cpuIntake / 1000.0, cpuDrained / 1000.0, cpuIntake / (double) Math.max(1, sent)));
        if (sent > 0 && drained.total() > 0) {
            row(name + " CPU per delivery sent, until drained, by thread group", drained.minus(measuredStart).perItem(sent));
        }
        if (half != null && secondHalfReviews > 0) {
            row(name + " CPU per review, second half (" + secondHalfReviews + " reviews)",
                    drained.minus(half).perItem(secondHalfReviews));
        }
        row("machine load average (1 min) at the end", loadAverage());
        return new Result(name, sent, failures.get(), (sent - failures.get()) / seconds, pct(sorted, 99), reviewedCount,
                lost, counts.duplicateComments(), perReview, rss, cpuIntake / 1000.0);
    }

    /** What one phase of sending saw: its deliveries, their replies, and when each head was first sent. */
    record Phase(long sent, long failures, long[] latencies, Map<String, Long> firstSent, double seconds,
            ThreadCpu.Sample half, long halfStatuses) {
    }

    /**
     * Sends {@code o.rate()} deliveries a second (or flat out) for {@code seconds} to {@code o.prs()} pull
     * requests numbered from {@code firstPr}, round robin, and waits for every reply.
     */
    static Phase send(Options o, int seconds, int firstPr, String deliveryPrefix, HttpClient http, URI target, long pid,
            FakeGitHubServer github) throws Exception {
        List<byte[]> opened = payloads(o.prs(), firstPr);
        // The signature covers the body only, so each body is signed once: the load generator shares the
        // machine with the server, and its CPU should go to sending, not to HMACs it can compute ahead.
        List<String> signatures = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        for (byte[] body : opened) {
            signatures.add(sign(body));
            heads.add(String.format("%040x", firstPr + heads.size()));
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        Semaphore inFlight = new Semaphore(o.concurrency());
        long total = o.rate() > 0 ? (long) o.rate() * seconds : Long.MAX_VALUE;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        long sent = 0;
        ThreadCpu.Sample half = null;
        long halfStatuses = 0;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        Map<String, Long> firstSent = new HashMap<>();
        while (sent < total && System.nanoTime() < end) {
            if (o.rate() > 0) {
                long due = start + sent * 1_000_000_000L / o.rate();
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(Math.max(1000, due - System.nanoTime()));
                }
            }
            if (half == null && System.nanoTime() - start >= (end - start) / 2) {
                half = ThreadCpu.sample(pid);
                halfStatuses = github.finalStatuses();
            }
            int pr = (int) (sent % opened.size());
            byte[] body = opened.get(pr);
            HttpRequest request = HttpRequest.newBuilder(target)
                    .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", deliveryPrefix + sent)
                    .header("X-Hub-Signature-256", signatures.get(pr)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            inFlight.acquire();
            long t0 = System.nanoTime();
            firstSent.putIfAbsent(heads.get(pr), t0);
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                inFlight.release();
                latencies.add(System.nanoTime() - t0);
                if (e != null || r.statusCode() / 100 != 2) {
                    failures.incrementAndGet();
                }
            }));
            sent++;
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Phase(sent, failures.get(), latencies.stream().mapToLong(Long::longValue).sorted().toArray(),
                firstSent, elapsed, half, halfStatuses);
    }

    private static void row(String k, String v) {
        System.out.println("| " + k + " | " + v + " |");
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    static List<byte[]> payloads(int prs) throws IOException {
        return payloads(prs, 1);
    }

    /** {@code prs} pull_request.opened bodies for pull requests numbered from {@code first}, head sha = number. */
    static List<byte[]> payloads(int prs, int first) throws IOException {
        ObjectMapper json = new ObjectMapper();
        byte[] template = Files.readAllBytes(Path.of("config/examples/github-webhooks/pull_request.opened.json"));
        List<byte[]> out = new ArrayList<>();
        for (int n = first; n < first + prs; n++) {
            ObjectNode root = (ObjectNode) json.readTree(template);
            root.put("number", n);
            if (!root.has("installation")) { // a GitHub App's deliveries carry it; the Probot peer needs it
                root.putObject("installation").put("id", 1);
            }
            ObjectNode pr = (ObjectNode) root.get("pull_request");
            pr.put("number", n);
            ((ObjectNode) pr.get("head")).put("sha", String.format("%040x", n));
            out.add(json.writeValueAsBytes(root));
        }
        return out;
    }

    public static Process startEvalbot(Options o, Path work, String github, int port) throws Exception {
        return startEvalbot(o, work, github, port, List.of());
    }

    /** @param jvmArgs more JVM options, e.g. {@code -XX:StartFlightRecording=...} for a profile */
    public static Process startEvalbot(Options o, Path work, String github, int port, List<String> jvmArgs)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", Path.of(o.jar()).toAbsolutePath().toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("GITHUB_TOKEN", "load-token");
        env.put("GITHUB_API_URL", github);
        env.put("GITHUB_WEBHOOK_SECRET", SECRET);
        env.put("GITHUB_BOT_LOGIN", "evalbot[bot]");
        env.put("EVALBOT_DB", "jdbc:sqlite:" + work.resolve("evalbot.db"));
        env.put("EVALBOT_PORT", Integer.toString(port));
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_CONFIG", Path.of("config").toAbsolutePath().toString());
        env.put("EVALBOT_DATA", work.toString());
        env.put("HF_HUB_OFFLINE", "1");
        env.put("EVALBOT_LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("evalbot.log").toFile());
        return awaitReady(pb.start(), port, "evalbot", work.resolve("evalbot.log"));
    }

    /** Waits up to 60 s for {@code GET /readyz} on the port to answer 200, and returns the process. */
    static Process awaitReady(Process p, int port, String name, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long t0 = System.nanoTime();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    System.out.printf("%s ready in %.2f s (pid %d, log %s)%n", name, (System.nanoTime() - t0) / 1e9,
                            p.pid(), log);
                    return p;
                }
            } catch (IOException e) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
        p.destroy();
        throw new IllegalStateException(name + " did not become ready; see " + log);
    }

    /** User + system CPU time of a process, from /proc (Linux); 0 elsewhere. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ... utime(11) stime(12), in clock ticks (100 per second on Linux)
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " (" + Runtime.getRuntime().availableProcessors()
                    + " cores)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(Arrays.stream(line.split("\\s+")).filter(s -> s.matches("\\d+")).findFirst()
                            .orElse("0"));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static String sign(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
