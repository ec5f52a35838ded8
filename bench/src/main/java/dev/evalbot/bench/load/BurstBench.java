package dev.evalbot.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.time.Duration;

/**
 * A mass submission against GitHub's write budget: {@code --prs} pull requests opened at once across
 * {@code --repos} repositories of one installation, reviewed by the evalbot jar (as a GitHub App)
 * against {@link LimitedGitHub}, which enforces scaled secondary limits ({@code --budget}, the same
 * windows evalbot is configured with) and penalises a request sent during a wait.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.BurstBench [--prs 300] [--repos 10]
 *     [--budget 40/10s,250/60s] [--penalty-s 10] [--inject 100,400] [--timeout-s 900] [--jar app/target/evalbot.jar]</pre>
 *
 * Reports the burst's time (first webhook sent to the last verdict) against the budget's minimum
 * time for the same writes (every write at the earliest instant the windows allow), requests and
 * writes per review, requests sent during a wait, lost reviews, duplicate comments, and how the
 * oldest pull requests fared (fair order by arrival).
 */
public final class BurstBench {
    private BurstBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int prs = Integer.parseInt(o.getOrDefault("--prs", "300"));
        int repos = Integer.parseInt(o.getOrDefault("--repos", "10"));
        String budget = o.getOrDefault("--budget", "40/10s,250/60s");
        long penaltyS = Long.parseLong(o.getOrDefault("--penalty-s", "10"));
        long timeoutS = Long.parseLong(o.getOrDefault("--timeout-s", "900"));
        String jar = o.getOrDefault("--jar", "app/target/evalbot.jar");
        Set<Long> inject = new HashSet<>();
        for (String s : o.getOrDefault("--inject", "").split(",")) {
            if (!s.isBlank()) {
                inject.add(Long.parseLong(s.trim()));
            }
        }
        List<LimitedGitHub.Window> windows = new ArrayList<>();
        for (String part : budget.split(",")) {
            String[] nPer = part.trim().split("/");
            windows.add(new LimitedGitHub.Window(Integer.parseInt(nPer[0]),
                    Math.round(Double.parseDouble(nPer[1].replace("s", "")) * 1000)));
        }

        Path work = Files.createTempDirectory("evalbot-burst");
        try (LimitedGitHub github = new LimitedGitHub(windows, penaltyS * 1000, inject).start()) {
            int port = LoadGenerator.freePort();
            Process evalbot = start(jar, work, github.url(), port, budget, penaltyS);
            try {
                run(github, port, prs, repos, windows, timeoutS, inject, budget, penaltyS);
            } finally {
                evalbot.destroy();
                evalbot.waitFor();
            }
        }
    }

    record Pr(String repo, int number, String head, long sentAt) {}

    static void run(LimitedGitHub github, int port, int prs, int repos, List<LimitedGitHub.Window> windows,
            long timeoutS, Set<Long> inject, String budget, long penaltyS) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper json = new ObjectMapper();
        byte[] template = Files.readAllBytes(Path.of("config/examples/github-webhooks/pull_request.opened.json"));
        List<Pr> sent = new ArrayList<>();
        URI target = URI.create("http://127.0.0.1:" + port + "/webhooks/github");
        long start = System.nanoTime();
        for (int i = 0; i < prs; i++) {
            String name = "repo-" + (i % repos);
            int n = i / repos + 1;
            ObjectNode root = (ObjectNode) json.readTree(template);
            root.put("number", n);
            root.putObject("installation").put("id", 1);
            ObjectNode repository = (ObjectNode) root.get("repository");
            repository.put("name", name).put("full_name", "burst-org/" + name);
            ((ObjectNode) repository.get("owner")).put("login", "burst-org");
            ObjectNode pr = (ObjectNode) root.get("pull_request");
            pr.put("number", n);
            String head = LimitedGitHub.head(name, n);
            ((ObjectNode) pr.get("head")).put("sha", head);
            byte[] body = json.writeValueAsBytes(root);
            HttpRequest request = HttpRequest.newBuilder(target).header("X-GitHub-Event", "pull_request")
                    .header("X-GitHub-Delivery", "burst-" + i).header("X-Hub-Signature-256", LoadGenerator.sign(body))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t = System.nanoTime();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("webhook " + i + " answered " + status);
            }
            sent.add(new Pr("burst-org/" + name, n, head, t));
        }
        double sending = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d webhooks sent in %.1f s%n", prs, sending);

        long deadline = start + Duration.ofSeconds(timeoutS).toNanos();
        String midMetrics = null;
        while (System.nanoTime() < deadline) {
            long done = sent.stream().filter(p -> github.verdictAt(p.repo(), p.head()) != null).count();
            if (midMetrics == null && done >= prs / 2) {
                midMetrics = metrics(http, port);
            }
            if (done == prs) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        long last = 0;
        List<Double> waits = new ArrayList<>();
        int lost = 0;
        for (Pr p : sent) {
            Long at = github.verdictAt(p.repo(), p.head());
            if (at == null) {
                lost++;
                continue;
            }
            last = Math.max(last, at);
            waits.add((at - p.sentAt()) / 1e9);
        }
        double burst = (last - start) / 1e9;
        double minimum = minimumSeconds(windows, github.writes());
        double minimumIdeal = minimumSeconds(windows, 3L * prs);
        // Fair order: how many pull requests got their verdict before an older one (an inversion each pair).
        List<Long> verdictOrder = sent.stream().map(p -> github.verdictAt(p.repo(), p.head()))
                .map(v -> v == null ? Long.MAX_VALUE : v).toList();
        long inversions = 0;
        long pairs = 0;
        for (int i = 0; i < verdictOrder.size(); i++) {
            for (int j = i + 1; j < verdictOrder.size(); j++) {
                pairs++;
                if (verdictOrder.get(j) < verdictOrder.get(i)) {
                    inversions++;
                }
            }
        }
        double[] w = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double oldestTenth = 0;
        for (int i = 0; i < Math.max(1, prs / 10) && i < waits.size(); i++) {
            oldestTenth = Math.max(oldestTenth, waits.get(i));
        }
        row("pull requests / repositories / installations", prs + " / " + repos + " / 1");
        row("budget enforced (content-creating requests per window)", budget + ", penalty " + penaltyS
                + " s after a 403" + (inject.isEmpty() ? "" : ", 403s injected at writes " + inject));
        row("burst time (first webhook sent to last verdict)", String.format("%.1f s", burst));
        row("budget's minimum time for the writes made / for 3 writes per review",
                String.format("%.1f s / %.1f s", minimum, minimumIdeal));
        row("burst time / minimum", String.format("%.2fx (against 3 writes per review: %.2fx)", burst / minimum,
                burst / minimumIdeal));
        row("requests per review (reads + writes; all sent / PRs)", String.format("%.2f", (github.requests() - 1.0) / prs));
        row("writes per review (accepted by GitHub / PRs)", String.format("%.2f", github.writes() / (double) prs));
        row("writes that were \"queued: GitHub's rate limit\" notices (on the share kept for them)",
                Long.toString(github.notices()));
        row("403 secondary-limit answers (injected + earned)", Long.toString(github.limited()));
        row("requests sent during a wait", Long.toString(github.sentDuringWait()));
        row("lost reviews (no verdict)", Integer.toString(lost));
        row("duplicate comments", Long.toString(github.duplicateComments()));
        row("wait of the oldest PR / max of the oldest 10% / p50 / max of all", String.format(
                "%.1f s / %.1f s / %.1f s / %.1f s", waits.isEmpty() ? 0 : waits.get(0), oldestTenth,
                w.length == 0 ? 0 : w[w.length / 2], w.length == 0 ? 0 : w[w.length - 1]));
        row("verdicts out of arrival order (pairs)", String.format("%d of %d (%.2f%%)", inversions, pairs,
                100.0 * inversions / Math.max(1, pairs)));
        row("/metrics at half way", midMetrics == null ? "not read" : midMetrics);
        row("machine", LoadGenerator.loadAverage() + " load at the end");
    }

    /** The first instant each of {@code writes} writes may be sent, every one as early as the windows allow. */
    static double minimumSeconds(List<LimitedGitHub.Window> windows, long writes) {
        List<Long> times = new ArrayList<>();
        long t = 0;
        for (long i = 0; i < writes; i++) {
            for (LimitedGitHub.Window w : windows) {
                int k = times.size() - w.requests();
                if (k >= 0) {
                    t = Math.max(t, times.get(k) + w.millis());
                }
            }
            times.add(t);
        }
        return t / 1000.0;
    }

    private static String metrics(HttpClient http, int port) {
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return Arrays.stream(text.split("\n")).filter(l -> l.startsWith("evalbot_github_budget"))
                    .reduce((a, b) -> a + "; " + b).orElse("no budget metric");
        } catch (Exception e) {
            return "unreadable: " + e.getMessage();
        }
    }

    static Process start(String jar, Path work, String github, int port, String budget, long penaltyS) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", Path.of(jar).toAbsolutePath().toString(), "serve");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("GITHUB_TOKEN");
        env.put("GITHUB_APP_ID", "1234");
        env.put("GITHUB_APP_PRIVATE_KEY", pem);
        env.put("GITHUB_API_URL", github);
        env.put("GITHUB_WEBHOOK_SECRET", LoadGenerator.SECRET);
        env.put("GITHUB_BOT_LOGIN", "evalbot[bot]");
        env.put("EVALBOT_GITHUB_WRITE_BUDGET", budget);
        // GitHub's minute without Retry-After, scaled as the windows are (a minute of 80 becomes 10 s of 40).
        env.put("EVALBOT_GITHUB_BACKOFF_SECONDS", Long.toString(penaltyS));
        env.put("EVALBOT_GITHUB_MAX_INLINE_WAIT_SECONDS", Long.toString(penaltyS));
        env.put("EVALBOT_GITHUB_NOTICE_AFTER_SECONDS", Long.toString(5 * penaltyS)); // 5 minutes, scaled
        env.put("EVALBOT_DB", "jdbc:sqlite:" + work.resolve("evalbot.db"));
        env.put("EVALBOT_PORT", Integer.toString(port));
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_CONFIG", Path.of("config").toAbsolutePath().toString());
        env.put("EVALBOT_DATA", work.toString());
        env.put("HF_HUB_OFFLINE", "1");
        env.put("EVALBOT_LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("evalbot.log").toFile());
        return LoadGenerator.awaitReady(pb.start(), port, "evalbot", work.resolve("evalbot.log"));
    }

    private static void row(String k, String v) {
        System.out.println("| " + k + " | " + v + " |");
    }
}
