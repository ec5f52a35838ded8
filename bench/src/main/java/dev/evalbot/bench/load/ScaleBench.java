package dev.evalbot.bench.load;

import dev.evalbot.app.PlatformModules;
import dev.evalbot.app.board.Backfill;
import dev.evalbot.app.board.BoardService;
import dev.evalbot.app.board.BoardSettings;
import dev.evalbot.app.board.WithdrawalTrail;
import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.review.ModelCardListener;
import dev.evalbot.app.review.ResultRecorder;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.Database;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.RefreshStore;
import dev.evalbot.app.store.ResultStore;
import dev.evalbot.app.store.ReviewedEntry;
import dev.evalbot.app.store.StoreConfig;
import dev.evalbot.rules.board.TaskCatalog;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.tier.PrState;
import dev.evalbot.rules.tier.Tier;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Boards at the Hub's scale (issue 29): builds a store of {@code --repos N} model repositories x 5
 * benchmarks x 10 variants (50 reports each) through the backfill code path (each repository a
 * checkout on disk with five {@code .eval_results/} files, validated and recorded as
 * {@code evalbot backfill} does), then measures in this process the first read of the biggest
 * board and the re-rank of one pull request's change, then starts {@code java -jar evalbot.jar
 * serve} on the store and measures ready time, resident memory, the biggest board's page and JSON
 * sizes and the first page's latency.
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.evalbot.bench.load.ScaleBench --repos 2000 --work /tmp/scale-100k \
 *     [--jar app/target/evalbot.jar] [--xmx 256m] [--requests 1000] [--jfr] [--bulk]
 * </pre>
 * An existing store in {@code --work} is reused (delete it to build again). {@code --bulk} writes
 * the same reports with {@code ResultStore.replaceAll} directly, skipping files and validation.
 */
public final class ScaleBench {
    /** The shipped benchmarks: id, task, and the scale of its values. */
    private static final String[][] BENCHMARKS = {
        {"cais/hle", "hle", "100"},
        {"Idavidrein/gpqa", "gpqa_diamond", "1"},
        {"TIGER-Lab/MMLU-Pro", "mmlu_pro", "100"},
        {"openai/gsm8k", "gsm8k", "100"},
        {"MathArena/aime_2026", "MathArena/aime_2026", "100"},
    };
    private static final String[] PROVIDERS = {"together", "fireworks", "groq", "nebius", "sambanova"};
    private static final int VARIANTS = 10;

    private ScaleBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jfr") || args[i].equals("--bulk") || args[i].equals("--backfill-only")
                    || args[i].equals("--no-serve")) {
                o.put(args[i], "true");
            } else {
                o.put(args[i], args[++i]);
            }
        }
        int repos = Integer.parseInt(o.getOrDefault("--repos", "2000"));
        Path work = Path.of(o.getOrDefault("--work", "/tmp/evalbot-scale-" + repos)).toAbsolutePath();
        Path jar = Path.of(o.getOrDefault("--jar", "app/target/evalbot.jar")).toAbsolutePath();
        int requests = Integer.parseInt(o.getOrDefault("--requests", "1000"));
        Files.createDirectories(work);
        Path db = work.resolve("evalbot.db");
        System.out.printf("machine: %d cores, load %s; %d repositories x 5 benchmarks x %d variants = %,d reports%n",
                Runtime.getRuntime().availableProcessors(), LoadGenerator.loadAverage(), repos, VARIANTS,
                repos * 5L * VARIANTS);
        if (!Files.exists(db)) {
            build(repos, work, db, o.containsKey("--bulk"));
        } else {
            System.out.println("reusing the store in " + db);
        }
        if (o.containsKey("--backfill-only")) {
            return;
        }
        inProcess(db, repos, Integer.parseInt(o.getOrDefault("--changes", "50")));
        if (o.containsKey("--no-serve")) {
            return;
        }
        serve(jar, work, o.get("--xmx"), requests, o.containsKey("--jfr"));
    }

    /** The reports of repository {@code i}: 5 files of 10 variants, deterministic. */
    static String file(int repo, int benchmark) {
        SplittableRandom random = new SplittableRandom(repo * 31L + benchmark);
        String[] b = BENCHMARKS[benchmark];
        double scale = Double.parseDouble(b[2]);
        double quality = random.nextDouble(0.05, 0.95);
        StringBuilder y = new StringBuilder(2048);
        for (int v = 0; v < VARIANTS; v++) {
            double value = Math.round(Math.min(1, Math.max(0, quality + random.nextDouble(-0.05, 0.05))) * scale * 1000)
                    / 1000.0;
            y.append("- dataset: {id: ").append(b[0]).append(", task_id: ").append(b[1]).append("}\n")
                    .append("  value: ").append(value).append('\n')
                    .append("  date: \"2026-").append(String.format("%02d-%02d", 1 + random.nextInt(11), 1 + random.nextInt(28)))
                    .append("\"\n")
                    .append("  source: {url: \"https://huggingface.co/").append(repoId(repo)).append("\", name: Model card}\n")
                    .append("  notes: \"").append(PROVIDERS[v % PROVIDERS.length]).append(", ").append(v < 5 ? "0-shot" : "5-shot")
                    .append(v % 3 == 0 ? ", with tools" : "").append("\"\n");
        }
        return y.toString();
    }

    static String repoId(int repo) {
        return "org" + (repo % 1009) + "/model-" + repo;
    }

    private static void build(int repos, Path work, Path db, boolean bulk) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
        LocalConfig local = LocalConfig.load(Path.of("config").toAbsolutePath(), null);
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        long maxHeap = 0;
        long writing = 0;
        try (Database store = Database.open(StoreConfig.of("jdbc:sqlite:" + db))) {
            ResultStore results = new ResultStore(store, clock);
            RefreshStore refreshes = new RefreshStore(store, Duration.ofMinutes(2));
            Set<String> changed = new LinkedHashSet<>();
            Path checkouts = work.resolve("checkouts");
            long entries = 0;
            long errors = 0;
            int threads = Integer.parseInt(System.getProperty("threads", String.valueOf(Backfill.DEFAULT_THREADS)));
            // Repositories per commit, as `evalbot backfill` (EVALBOT_BACKFILL_BATCH); 1 is a commit each.
            int perCommit = Integer.parseInt(System.getProperty("batch", String.valueOf(Backfill.DEFAULT_BATCH)));
            Set<String> concurrent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            ResultRecorder shared = new ResultRecorder(results, concurrent::add);
            Backfill parallel = new Backfill(new ChangeValidator(local.rules(), local.registry(), clock),
                    TrustAnnotator.OFFLINE, shared, local.rules().limits().maxBytes(), ModelCardListener.NONE);
            // Checkouts are written a thousand at a time, then backfilled as `evalbot backfill` does them.
            for (int from = 0; from < repos; from += 1000) {
                int to = Math.min(repos, from + 1000);
                List<Path> batch = new ArrayList<>();
                if (bulk) {
                    for (int i = from; i < to; i++) {
                        results.replaceAll(new PullRef(PlatformId.HUB, repoId(i), 0), "backfill", PrState.MERGED,
                                bulkEntries(i));
                        entries += 5L * VARIANTS;
                    }
                } else {
                    long w0 = System.nanoTime();
                    for (int i = from; i < to; i++) {
                        Path c = checkouts.resolve(repoId(i));
                        Files.createDirectories(c.resolve(".eval_results"));
                        for (int b = 0; b < BENCHMARKS.length; b++) {
                            Files.writeString(c.resolve(".eval_results/b" + b + ".yaml"), file(i, b), StandardCharsets.UTF_8);
                        }
                        batch.add(c);
                    }
                    writing += System.nanoTime() - w0;
                    long[] counts = new long[2];
                    parallel.seedEach("hub", batch, null, threads, perCommit, writes -> store.write("backfill a batch",
                            c -> {
                                writes.run();
                                return null;
                            }), s -> {
                        counts[0] += s.entries();
                        counts[1] += s.errors();
                    });
                    entries += counts[0];
                    errors += counts[1];
                    for (Path c : batch) {
                        for (int b = 0; b < BENCHMARKS.length; b++) {
                            Files.delete(c.resolve(".eval_results/b" + b + ".yaml"));
                        }
                    }
                }
                maxHeap = Math.max(maxHeap, heapUsed());
                System.out.printf("  %,d repositories, %,d reports, %.1f s%n", to, entries,
                        (System.nanoTime() - t0 - writing) / 1e9);
            }
            changed.addAll(concurrent);
            changed.forEach(id -> refreshes.schedule(id, clock.instant()));
            double seconds = (System.nanoTime() - t0 - writing) / 1e9;
            System.out.printf("backfill CPU of this process: %.1f s (writing the checkouts included)%n",
                    (processCpuNanos() - cpu0) / 1e9);
            System.out.printf("backfill (%s): %,d reports (%d errors) in %.1f s (%,.0f reports/s); heap used at most %d MB"
                    + " (sampled per 1,000), -Xmx %d MB; %d threads; %d repositories per commit; writing the checkouts"
                    + " not counted%n",
                    bulk ? "bulk replaceAll" : "files, validated", entries, errors, seconds,
                    entries / seconds, maxHeap >> 20, Runtime.getRuntime().maxMemory() >> 20,
                    bulk ? 1 : Integer.parseInt(System.getProperty("threads", String.valueOf(Backfill.DEFAULT_THREADS))),
                    bulk ? 1 : perCommit);
        }
        System.out.printf("store: %d MB%n", Files.size(db) >> 20);
    }

    private static List<ReviewedEntry> bulkEntries(int repo) {
        List<ReviewedEntry> out = new ArrayList<>();
        for (int b = 0; b < BENCHMARKS.length; b++) {
            String[] lines = file(repo, b).split("\n");
            for (int v = 0; v < VARIANTS; v++) {
                double value = Double.parseDouble(lines[v * 5 + 1].substring("  value: ".length()));
                String date = lines[v * 5 + 2].substring("  date: \"".length(), "  date: \"".length() + 10);
                String notes = lines[v * 5 + 4].substring("  notes: \"".length(), lines[v * 5 + 4].length() - 1);
                out.add(new ReviewedEntry(".eval_results/b" + b + ".yaml", 1 + v * 5, v, BENCHMARKS[b][0],
                        BENCHMARKS[b][1], value, date, notes, "https://huggingface.co/" + repoId(repo), "Model card",
                        Tier.AUTHOR, null, null, false));
            }
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The first read of the biggest board, and one pull request's change re-ranked, in this process. */
    private static void inProcess(Path db, int repos, int changes) throws Exception {
        try (Database store = Database.open(StoreConfig.of("jdbc:sqlite:" + db))) {
            Clock clock = Clock.systemUTC();
            ResultStore results = new ResultStore(store, clock);
            RefreshStore refreshes = new RefreshStore(store, Duration.ofMinutes(2));
            BoardService boards = new BoardService(PlatformModules.known(),
                    results, refreshes, TaskCatalog.HIGHER_IS_BETTER, Map.of(),
                    Duration.ZERO, clock, List.of(),
                    BoardSettings.DEFAULT, WithdrawalTrail.NONE, BoardService.DEFAULT_CACHE_REPORTS);
            String id = BENCHMARKS[0][0];
            System.gc();
            long heap0 = heapUsed();
            long t0 = System.nanoTime();
            int models = boards.leaderboard(id).orElseThrow().models();
            System.out.printf("first read of %s (%,d models, %,d reports): %.0f ms; heap after %d MB (before %d MB)%n",
                    id, models, models * (long) VARIANTS, (System.nanoTime() - t0) / 1e6, heapUsed() >> 20, heap0 >> 20);
            boards.runDue(); // the refreshes the backfill scheduled
            long[] times = new long[changes];
            for (int k = 0; k < times.length; k++) {
                // An open pull request on an existing model: one new best value, the board re-ranks.
                int repo = (k * 7919) % repos;
                results.replaceAll(new PullRef(PlatformId.HUB, repoId(repo), 100 + k), "sha" + k, PrState.OPEN,
                        List.of(new ReviewedEntry(".eval_results/b0.yaml", 1, 0, id, BENCHMARKS[0][1], 50 + k * 0.1,
                                "2026-12-01", "new run", null, null, Tier.COMMUNITY, null, null, false)));
                long s = System.nanoTime();
                boards.catchUp(id);
                times[k] = System.nanoTime() - s;
            }
            Arrays.sort(times);
            System.out.printf("one PR's change re-ranked (catch-up of %s: read the changed PRs, replace their reports, "
                    + "re-rank, new snapshot): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d changes)%n", id,
                    times[changes / 2] / 1e6, times[(int) Math.ceil(changes * 0.99) - 1] / 1e6, times[changes - 1] / 1e6,
                    changes);
            // Put the store back as it was, so that a second run measures the same thing.
            for (int k = 0; k < times.length; k++) {
                results.replaceAll(new PullRef(PlatformId.HUB, repoId((k * 7919) % repos), 100 + k), "sha" + k,
                        PrState.CLOSED, List.of());
            }
        }
    }

    private static void runDue(BoardService boards) {
        if (boards.runDue() != 1) {
            throw new IllegalStateException("the refresh did not run");
        }
    }

    private static void serve(Path jar, Path work, String xmx, int requests, boolean jfr) throws Exception {
        int port = LoadGenerator.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (xmx != null) {
            cmd.add("-Xmx" + xmx);
        }
        if (jfr) {
            cmd.add("-XX:StartFlightRecording=filename=" + work.resolve("serve.jfr") + ",settings=profile");
        }
        cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("HF_") || k.startsWith("EVALBOT_")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        // Live (a token) against a GitHub that is never called: a dry-run refuses a store of real results.
        try (FakeGitHubServer github = new FakeGitHubServer(0, 0).start()) {
            env.put("GITHUB_TOKEN", "scale-token");
            env.put("GITHUB_API_URL", github.url());
            env.put("GITHUB_WEBHOOK_SECRET", "scale-secret");
            env.put("EVALBOT_DB", "jdbc:sqlite:" + work.resolve("evalbot.db"));
            env.put("EVALBOT_PORT", Integer.toString(port));
            env.put("EVALBOT_HOST", "127.0.0.1");
            env.put("EVALBOT_CONFIG", Path.of("config").toAbsolutePath().toString());
            env.put("EVALBOT_DATA", work.toString());
            env.put("HF_HUB_OFFLINE", "1");
            env.put("EVALBOT_LOG_LEVEL", "WARN");
            pb.redirectErrorStream(true).redirectOutput(work.resolve("evalbot.log").toFile());
            long t0 = System.nanoTime();
            Process p = LoadGenerator.awaitReady(pb.start(), port, "evalbot serve" + (xmx == null ? "" : " -Xmx" + xmx),
                    work.resolve("evalbot.log"));
            try {
                System.out.printf("ready: %.2f s, RSS %d MB, CPU of the process to ready %d ms%n",
                        (System.nanoTime() - t0) / 1e9, LoadGenerator.rssKb(p.pid()) >> 10, LoadGenerator.cpuMillis(p.pid()));
                measure(p, port, requests, t0);
            } finally {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void measure(Process p, int port, int requests, long t0) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        // The index lists every board with its leader once the background read of each is done.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        String index;
        do {
            index = get(http, base + "/api/leaderboards").body();
            if (!index.contains("\"leader\":null") && index.contains("\"leader\"")) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        System.out.printf("every board listed with its leader: %.1f s after start, RSS %d MB%n",
                (System.nanoTime() - t0) / 1e9, LoadGenerator.rssKb(p.pid()) >> 10);
        String id = BENCHMARKS[0][0];
        long c0 = System.nanoTime();
        HttpResponse<String> page = get(http, base + "/leaderboards/" + id);
        System.out.printf("biggest board %s, first page: %.0f ms (may read the board), %,d bytes HTML%n", id,
                (System.nanoTime() - c0) / 1e6, page.body().getBytes(StandardCharsets.UTF_8).length);
        HttpResponse<String> json = get(http, base + "/api/leaderboards/" + id);
        HttpResponse<String> json1000 = get(http, base + "/api/leaderboards/" + id + "?limit=1000");
        System.out.printf("its JSON: %,d bytes (100 rows), %,d bytes (?limit=1000)%n",
                json.body().getBytes(StandardCharsets.UTF_8).length, json1000.body().getBytes(StandardCharsets.UTF_8).length);
        Matcher m = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(json.body());
        String cursor = m.find() ? m.group(1) : null;
        double[] first = latencies(http, base + "/leaderboards/" + id, requests);
        double[] second = latencies(http, base + "/leaderboards/" + id + "?task=hle&cursor=" + cursor, requests / 4);
        double[] search = latencies(http, base + "/leaderboards/" + id + "?q=model-1234", requests / 4);
        double[] api = latencies(http, base + "/api/leaderboards/" + id + "?task=hle&cursor=" + cursor, requests / 4);
        report("first page (HTML)", first);
        report("second page (HTML, by cursor)", second);
        report("search ?q=model-1234 (HTML)", search);
        report("second page (JSON, by cursor)", api);
        System.out.printf("RSS after the requests: %d MB; CPU of the process %d ms%n", LoadGenerator.rssKb(p.pid()) >> 10,
                LoadGenerator.cpuMillis(p.pid()));
    }

    private static double[] latencies(HttpClient http, String url, int n) throws Exception {
        for (int i = 0; i < Math.min(50, n); i++) {
            get(http, url);
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            HttpResponse<String> r = get(http, url);
            ms[i] = (System.nanoTime() - s) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] ms) {
        System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d sequential requests)%n", what,
                ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1], ms[ms.length - 1], ms.length);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
