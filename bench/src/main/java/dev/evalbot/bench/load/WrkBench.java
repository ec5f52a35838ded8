package dev.evalbot.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives <a href="https://github.com/wg/wrk">wrk</a> at evalbot and at the Probot peer, as a new user
 * would try them: {@code wrk -t2 -c32 -d10s}, signed 25 KB {@code pull_request.opened} bodies, each
 * with its own {@code X-GitHub-Delivery} ({@code bench/wrk/webhook.lua}), all for one pull request
 * head, against a recording {@link FakeGitHubServer} on loopback; then the same with an ignored
 * {@code star} event. Prints one Markdown table with both servers and the ratio.
 *
 * <pre>bench/wrk-intake.sh                    # builds nothing; run mvn package first
 * java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.WrkBench [--seconds 10] [--threads 2]
 *     [--connections 32] [--warmup 0] [--no-peer] [--jar app/target/evalbot.jar] [--jvm-args "-XX:StartFlightRecording=filename=/tmp/intake.jfr"]</pre>
 *
 * <p>"Lost" compares the 2xx replies wrk counted with the deliveries in evalbot's store after the
 * run: every 2xx must be stored (wrk does not count replies still in flight when it stops, so the
 * store may hold a few more).
 */
public final class WrkBench {
    private WrkBench() {
    }

    /** What one wrk run measured. */
    record Run(long requests, double seconds, double perSecond, String p50, String p99, long non2xx, long socketErrors,
            double cpuSeconds, Map<String, Long> threadCpuMillis) {
        double cpuMillisPerRequest() {
            return cpuSeconds * 1000 / Math.max(1, requests);
        }

        /** CPU per request of one group of threads ({@link ThreadCpu}). */
        double perRequest(String... groups) {
            long ms = 0;
            for (String g : groups) {
                ms += threadCpuMillis.getOrDefault(g, 0L);
            }
            return (double) ms / Math.max(1, requests);
        }

        /** The split by thread group, e.g. "http 0.200, sqlite-writer 0.150, ...". */
        String split() {
            StringBuilder b = new StringBuilder();
            threadCpuMillis.forEach((g, ms) -> b.append(b.length() == 0 ? "" : ", ")
                    .append(String.format("%s %.3f", g, (double) ms / Math.max(1, requests))));
            return b.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "10"));
        // Not in the procedure (a new user runs wrk on a fresh server); a warm JIT for a second look.
        int warmup = Integer.parseInt(o.getOrDefault("--warmup", "0"));
        String threads = o.getOrDefault("--threads", "2");
        String connections = o.getOrDefault("--connections", "32");
        boolean peer = !o.containsKey("--no-peer") && Files.isDirectory(Path.of("bench/peer/node_modules/probot"));
        List<String> jvmArgs = o.containsKey("--jvm-args") ? List.of(o.get("--jvm-args").split(" ")) : List.of();
        Path work = Files.createTempDirectory("evalbot-wrk");
        // Indented as GitHub's own example is: 25 KB, the size the issue measures with.
        ObjectMapper json = new ObjectMapper();
        byte[] opened = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                json.readTree(LoadGenerator.payloads(1).get(0)));
        Path openedFile = work.resolve("pull_request.opened.json");
        Files.write(openedFile, opened);
        Path starFile = work.resolve("star.created.json");
        Files.write(starFile, star(opened));
        String loadBefore = uptime();
        System.out.println("uptime before: " + loadBefore);

        Run evalbotPr;
        Run evalbotStar;
        long stored;
        long reviewedHeads;
        long rssKb;
        long warmedUp = 0; // deliveries stored by the warm-up, not counted
        LoadGenerator.Options lo = LoadGenerator.Options.parse(o.containsKey("--jar")
                ? new String[] {"--jar", o.get("--jar")} : new String[0]);
        try (FakeGitHubServer github = new FakeGitHubServer(0, 0, 1).start()) {
            int port = LoadGenerator.freePort();
            Process p = LoadGenerator.startEvalbot(lo, work, github.url(), port, jvmArgs);
            String url = "http://127.0.0.1:" + port + "/webhooks/github";
            try {
                if (warmup > 0) {
                    wrk(p.pid(), threads, connections, warmup, url, openedFile, "pull_request");
                    warmedUp = storedDeliveries(work.resolve("evalbot.db"));
                }
                evalbotPr = wrk(p.pid(), threads, connections, seconds, url, openedFile, "pull_request");
                awaitReview(github::headsWithFinalStatus);
                reviewedHeads = github.headsWithFinalStatus();
                evalbotStar = wrk(p.pid(), threads, connections, seconds, url, starFile, "star");
                rssKb = LoadGenerator.rssKb(p.pid());
            } finally {
                p.destroy();
                p.waitFor();
            }
            stored = storedDeliveries(work.resolve("evalbot.db")) - warmedUp;
        }
        Run peerPr = null;
        Run peerStar = null;
        if (peer) {
            try (FakeGitHubServer github = new FakeGitHubServer(0, 0, 1).start()) {
                int port = LoadGenerator.freePort();
                Process p = PeerComparison.startPeer(Path.of("bench/peer"), work, github.url(), port);
                String url = "http://127.0.0.1:" + port + "/webhooks/github";
                try {
                    if (warmup > 0) {
                        wrk(p.pid(), threads, connections, warmup, url, openedFile, "pull_request");
                    }
                    peerPr = wrk(p.pid(), threads, connections, seconds, url, openedFile, "pull_request");
                    peerStar = wrk(p.pid(), threads, connections, seconds, url, starFile, "star");
                } finally {
                    p.destroy();
                    p.waitFor();
                }
            }
        }
        String loadAfter = uptime();
        long twoXx = evalbotPr.requests() - evalbotPr.non2xx();
        System.out.println();
        System.out.printf("wrk -t%s -c%s -d%ds, %d-byte signed pull_request.opened bodies for one head, each its own"
                + " X-GitHub-Delivery; %s cores%n", threads, connections, seconds, opened.length,
                Runtime.getRuntime().availableProcessors());
        System.out.println("uptime before: " + loadBefore);
        System.out.println("uptime after:  " + loadAfter);
        System.out.println();
        System.out.println("| | evalbot | Probot peer, same run | evalbot / peer |");
        System.out.println("|---|---|---|---|");
        row("`pull_request`, durable, flat out", evalbotPr, peerPr);
        row("an ignored `star` event", evalbotStar, peerStar);
        System.out.printf("| `pull_request`: non-2xx / socket errors | %d / %d | %s | |%n", evalbotPr.non2xx(),
                evalbotPr.socketErrors(), peerPr == null ? "-" : peerPr.non2xx() + " / " + peerPr.socketErrors());
        System.out.printf("| `pull_request`: 2xx replies / deliveries stored / lost | %d / %d / %d | | |%n", twoXx, stored,
                Math.max(0, twoXx - stored));
        System.out.printf("| `pull_request`: heads reviewed (final status) | %d of 1 | | |%n", reviewedHeads);
        System.out.printf("| server CPU per request, `pull_request` / `star` | %.3f / %.3f ms | %s | |%n",
                evalbotPr.cpuMillisPerRequest(), evalbotStar.cpuMillisPerRequest(), peerPr == null ? "-"
                        : String.format("%.3f / %.3f ms", peerPr.cpuMillisPerRequest(), peerStar.cpuMillisPerRequest()));
        System.out.printf("| evalbot CPU per request, intake alone (request threads + SQLite writer), `pull_request` / `star`"
                + " | %.3f / %.3f ms | | |%n", evalbotPr.perRequest(ThreadCpu.REQUEST, ThreadCpu.WRITER),
                evalbotStar.perRequest(ThreadCpu.REQUEST, ThreadCpu.WRITER));
        System.out.printf("| evalbot CPU per request by thread, `pull_request` | %s ms | | |%n", evalbotPr.split());
        System.out.printf("| evalbot CPU per request by thread, `star` | %s ms | | |%n", evalbotStar.split());
        System.out.printf("| evalbot resident memory after both runs | %d MB | | |%n", rssKb / 1024);
    }

    private static void row(String what, Run e, Run peer) {
        System.out.printf("| %s | %,.0f/s, p50 %s, p99 %s | %s | %s |%n", what, e.perSecond(), e.p50(), e.p99(),
                peer == null ? "not run" : String.format("%,.0f/s, p50 %s, p99 %s", peer.perSecond(), peer.p50(), peer.p99()),
                peer == null ? "" : String.format("%.2fx", e.perSecond() / Math.max(1e-9, peer.perSecond())));
    }

    /** A {@code star} event for the same repository and sender; evalbot and the peer both ignore it. */
    static byte[] star(byte[] opened) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode pr = (ObjectNode) json.readTree(opened);
        ObjectNode star = json.createObjectNode();
        star.put("action", "created");
        star.put("starred_at", "2026-01-01T00:00:00Z");
        star.set("repository", pr.get("repository"));
        star.set("sender", pr.get("sender"));
        star.set("installation", pr.get("installation"));
        return json.writeValueAsBytes(star);
    }

    static Run wrk(long pid, String threads, String connections, int seconds, String url, Path body, String event)
            throws Exception {
        String signature = LoadGenerator.sign(Files.readAllBytes(body));
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", Path.of("bench/wrk/webhook.lua").toAbsolutePath().toString(), url, "--",
                body.toAbsolutePath().toString(), signature, event));
        System.out.println("$ " + String.join(" ", cmd).replace(signature, "sha256=..."));
        long cpuBefore = LoadGenerator.cpuMillis(pid);
        Map<String, Long> threadsBefore = ThreadCpu.byGroup(pid);
        Process wrk = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        double cpu = (LoadGenerator.cpuMillis(pid) - cpuBefore) / 1000.0;
        Map<String, Long> byThread = ThreadCpu.delta(threadsBefore, ThreadCpu.byGroup(pid));
        System.out.println(out);
        Matcher total = Pattern.compile("(\\d+) requests in ([\\d.]+)(m?s)").matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("cannot read wrk's output (is wrk installed?):\n" + out);
        }
        long requests = Long.parseLong(total.group(1));
        double secs = Double.parseDouble(total.group(2)) / (total.group(3).equals("ms") ? 1000 : 1);
        return new Run(requests, secs, requests / secs, percentile(out, "50%"), percentile(out, "99%"),
                number(out, "Non-2xx or 3xx responses: (\\d+)"), socketErrors(out), cpu, byThread);
    }

    private static String percentile(String out, String p) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(p) + "\\s+([\\d.]+\\w+)").matcher(out);
        return m.find() ? m.group(1) : "?";
    }

    private static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        if (!m.find()) {
            return 0;
        }
        long sum = 0;
        for (int i = 1; i <= 4; i++) {
            sum += Long.parseLong(m.group(i));
        }
        return sum;
    }

    /** Waits up to a minute for the pull request's head to get its final status. */
    private static void awaitReview(java.util.function.LongSupplier reviewed) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (reviewed.getAsLong() < 1 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static long storedDeliveries(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM deliveries WHERE event = 'pull_request'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-peer")) {
                m.put("--no-peer", "true");
            } else if (i + 1 < args.length) {
                m.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
        }
        return m;
    }
}
