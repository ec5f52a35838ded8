package dev.evalbot.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.config.LocalConfig;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.review.EntryStatus;
import dev.evalbot.app.review.Review;
import dev.evalbot.app.review.ReviewRenderer;
import dev.evalbot.app.review.TrustAnnotator;
import dev.evalbot.app.store.MutableClock;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.check.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log a source cites, read from a loopback server standing in for the Hub and for any other
 * host (allowed explicitly in the configuration), and checked against the entry. The logs are
 * Inspect's own (rules/src/test/resources/logs/inspect/ORIGIN.md).
 */
class CitedLogCheckTest {
    static final Path REAL = Path.of("../rules/src/test/resources/logs/inspect");
    static final String FILE = ".eval_results/popularity.yaml";

    @TempDir
    Path tmp;
    LogServer server;
    LocalConfig config;
    TrustConfig trust;
    TrustAnnotations annotations;

    @BeforeEach
    void start() throws IOException {
        server = new LogServer();
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(dir.resolve("evalbot.yaml"), """
                registry:
                  benchmarks: [example/popularity, cais/mmlu, openai/gsm8k]
                benchmarks:
                  openai/gsm8k:
                    tasks:
                      gsm8k: {range: [0, 100]}
                  example/popularity:
                    tasks:
                      popularity: {range: [0, 1]}
                  cais/mmlu:
                    tasks:
                      mmlu_0_shot: {range: [0, 100]}
                      anatomy: {range: [0, 100]}
                """);
        benchmark(dir, "example/popularity", "popularity");
        benchmark(dir, "cais/mmlu", "mmlu_0_shot", "anatomy");
        benchmark(dir, "openai/gsm8k", "gsm8k");
        config = LocalConfig.load(dir, null);
        URI base = URI.create(server.base());
        trust = new TrustConfig(null, AllowedHosts.of("127.0.0.1", server.port()), base, base, false, null);
        annotations = annotations(LogReadLimits.DEFAULT);
    }

    TrustAnnotations annotations(LogReadLimits limits) {
        MutableClock clock = new MutableClock(Keys.NOW);
        return new TrustAnnotations(TokenVerifier.fromConfig(trust, clock), new SourceChecker(trust, clock),
                ApiCredentials.NONE, new CitedLogCheck(new CitedLogs(trust, limits, clock),
                        new LogAgreement(config.registry(), config.rules())));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static void benchmark(Path config, String id, String... tasks) throws IOException {
        Path b = Files.createDirectories(config.resolve("benchmarks").resolve(id));
        StringBuilder y = new StringBuilder("name: " + id + "\ndescription: test benchmark.\n"
                + "evaluation_framework: inspect-ai\ntasks:\n");
        for (String t : tasks) {
            y.append("  - id: ").append(t).append("\n    field_spec: {input: question, target: answer}\n")
                    .append("    solvers: [{name: generate}]\n    scorers: [{name: match}]\n");
        }
        Files.writeString(b.resolve("eval.yaml"), y.toString());
    }

    static byte[] real(String name) throws IOException {
        return Files.readAllBytes(REAL.resolve(name));
    }

    /**
     * @param findings the review's findings for the entry (an http loopback URL also has the rules'
     *     {@code source-url-not-https}: a results file wants https, the stand-in host is http)
     */
    record Reviewed(EntryStatus status, List<Finding> findings, String comment) {
        boolean hasError(String code, String text) {
            return findings.stream().anyMatch(f -> f.code().equals(code) && f.message().contains(text));
        }
    }

    Reviewed review(TrustAnnotations with, String model, String entry) {
        ChangeReport report = new ChangeValidator(config.rules(), config.registry(), java.time.Clock.systemUTC())
                .validate(model, List.of(new ChangedFile(FILE, FileKind.RESULTS, entry.getBytes(StandardCharsets.UTF_8))));
        PullRequestRef pr = new PullRequestRef(PlatformId.HUB, model, "model", 7, "0123456789abcdef", null, "main", "someone",
                Set.of(), null);
        TrustAnnotator.Annotated a = with.annotate(pr, report, false);
        Review review = new Review(model, 7, pr.headSha(), a.report(), a.statuses(), List.of(), false);
        return new Reviewed(a.statuses().get(Review.key(FILE, 1)), a.report().files().get(0).findings(),
                new ReviewRenderer((path, line) -> null).render(review));
    }

    Reviewed review(String model, String entry) {
        return review(annotations, model, entry);
    }

    static String entry(String dataset, String task, String value, String date, String url) {
        return "- dataset: {id: " + dataset + ", task_id: " + task + "}\n  value: " + value + "\n  date: '" + date
                + "'\n  source: {url: '" + url + "'}\n";
    }

    @Test
    void anAgreeingEvalLogOnAnyHostMarksTheEntryLogChecked() throws Exception {
        server.serve("/runs/popularity.eval", real("popularity.eval"));
        Reviewed r = review("openai/gpt-4o-mini", entry("example/popularity", "popularity", "0.8", "2025-02-11",
                server.base() + "/runs/popularity.eval"));
        assertTrue(r.status().logChecked(), r.findings() + "\n" + r.comment());
        // The rules want https in a results file; the loopback stand-in for another host is http, allowed in the config.
        assertEquals(List.of("source-url-not-https"), r.findings().stream().map(Finding::code).toList());
        // Markdown-escaped, as everything from a log or a file is in the comment.
        assertTrue(r.comment().contains("| community · log\\-checked <sub>no verifyToken</sub> |"), r.comment());
        assertTrue(r.comment().contains("reachable \\(HTTP 200\\)<br><sub>log: success, model openai/gpt\\-4o\\-mini, task "
                + "popularity, match/accuracy = 0\\.8, created 2025\\-02\\-11T15:18:04\\-05:00</sub>"), r.comment());
    }

    @Test
    void aZstdLogOnTheHubWithItsTaskInTheRunsName() throws Exception {
        server.serve("/datasets/someone/logs/resolve/main/mmlu.eval", real("hf_mmlu_anatomy.zstd.eval"));
        Reviewed r = review("openai/gpt-4o", entry("cais/mmlu", "anatomy", "0", "2025-12-19",
                "https://huggingface.co/datasets/someone/logs/blob/main/mmlu.eval"));
        assertTrue(r.status().logChecked(), r.findings() + "\n" + r.comment());
        assertTrue(r.status().log().contains("task hf/cais/mmlu/anatomy, choice/accuracy = 0"), r.status().log());
    }

    @Test
    void aJsonLogIsStreamedAndChecked() throws Exception {
        server.serve("/log_formats.json", real("log_formats.json"));
        Reviewed r = review("ollama/llama3.1", entry("example/popularity", "popularity", "0", "2024-10-15",
                server.base() + "/log_formats.json"));
        assertTrue(r.status().logChecked(), r.findings().toString());
    }

    @Test
    void aWrongValueIsAnErrorWithBothNumbers() throws Exception {
        server.serve("/runs/popularity.eval", real("popularity.eval"));
        Reviewed r = review("openai/gpt-4o-mini", entry("example/popularity", "popularity", "0.75", "2025-02-11",
                server.base() + "/runs/popularity.eval"));
        assertFalse(r.status().logChecked());
        assertTrue(r.hasError("log-disagrees", "value 0.75 is not what the cited log says: match/accuracy = 0.8"),
                r.findings().toString());
        assertTrue(r.comment().contains("community <sub>") && !r.comment().contains("log-checked"), r.comment());
        // Within the written precision: 0.8 is what a log of 0.8 says, and so would 0.80 be of 0.804.
        assertTrue(LogAgreement.withinWrittenPrecision(41.2, new java.math.BigDecimal("41.24")));
        assertFalse(LogAgreement.withinWrittenPrecision(41.2, new java.math.BigDecimal("41.26")));
    }

    @Test
    void aWrongModelIsAnErrorNamingBoth() throws Exception {
        server.serve("/runs/popularity.eval", real("popularity.eval"));
        Reviewed r = review("meta-llama/Llama-3.1-8B", entry("example/popularity", "popularity", "0.8", "2025-02-11",
                server.base() + "/runs/popularity.eval"));
        assertFalse(r.status().logChecked());
        assertTrue(r.hasError("log-disagrees", "the cited log ran model gpt-4o-mini (openai/gpt-4o-mini), not this "
                + "repository's model meta-llama/Llama-3.1-8B"), r.findings().toString());
    }

    @Test
    void aWrongTaskIsAnError() throws Exception {
        server.serve("/runs/popularity.eval", real("popularity.eval"));
        Reviewed r = review("openai/gpt-4o-mini", entry("cais/mmlu", "mmlu_0_shot", "80", "2025-02-11",
                server.base() + "/runs/popularity.eval"));
        assertFalse(r.status().logChecked());
        assertTrue(r.hasError("log-disagrees", "the cited log's task is popularity (dataset example://popularity), not "
                + "cais/mmlu task mmlu_0_shot"), r.findings().toString());
    }

    @Test
    void aCancelledRunIsAnError() throws Exception {
        server.serve("/cancelled.json", real("popularity_cancelled.json"));
        Reviewed r = review("openai/gpt-4o-mini", entry("example/popularity", "popularity", "0.6667", "2025-05-12",
                server.base() + "/cancelled.json"));
        assertFalse(r.status().logChecked());
        assertTrue(r.hasError("log-disagrees", "the cited log's run did not finish (status cancelled)"),
                r.findings().toString());
    }

    @Test
    void anotherDateIsAWarningThatKeepsTheMark() throws Exception {
        server.serve("/runs/popularity.eval", real("popularity.eval"));
        Reviewed r = review("openai/gpt-4o-mini", entry("example/popularity", "popularity", "0.8", "2025-03-01",
                server.base() + "/runs/popularity.eval"));
        assertTrue(r.status().logChecked());
        assertTrue(r.hasError("log-unchecked", "date 2025-03-01 is not the cited log's run date 2025-02-11"),
                r.findings().toString());
    }

    @Test
    void aHostThatRefusesRangesIsReadWholeWithinTheCap() throws Exception {
        server.refuseRanges = true;
        byte[] log = real("popularity.zstd.eval");
        server.serve("/runs/popularity.eval", log);
        Reviewed r = review("openai/gpt-4o-mini", entry("example/popularity", "popularity", "0.8", "2025-02-11",
                server.base() + "/runs/popularity.eval"));
        assertTrue(r.status().logChecked(), r.findings().toString());

        LogReadLimits small = new LogReadLimits(log.length - 1, 16 * 1024, 8, java.time.Duration.ofSeconds(20),
                16L << 20, java.time.Duration.ofHours(1), 10);
        Reviewed capped = review(annotations(small), "openai/gpt-4o-mini", entry("example/popularity", "popularity",
                "0.8", "2025-02-11", server.base() + "/runs/popularity.eval"));
        assertFalse(capped.status().logChecked());
        assertTrue(capped.hasError("log-unchecked", "the cited log could not be read: the log is " + log.length
                + " bytes and 127.0.0.1:" + server.port() + " does not serve ranges of it: over the limit of "
                + (log.length - 1) + " bytes"), capped.findings().toString());
    }

    /** A 50 MB log in Inspect's layout: the real log's members with a large sample before header.json. */
    static byte[] fiftyMegabytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(51 << 20);
        try (ZipOutputStream zip = new ZipOutputStream(out);
                ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(real("popularity.eval")))) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("header.json")) {
                    byte[] big = new byte[50 << 20];
                    new Random(7).nextBytes(big);
                    zip.putNextEntry(new ZipEntry("samples/11_epoch_1.json"));
                    zip.write(big);
                    zip.closeEntry();
                    zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void theRangePathReadsUnder64KiBOfA50MegabyteLog() throws Exception {
        byte[] log = fiftyMegabytes();
        assertTrue(log.length > 50 << 20);
        server.serve("/big.eval", log);
        Reviewed r = review("openai/gpt-4o-mini", entry("example/popularity", "popularity", "0.8", "2025-02-11",
                server.base() + "/big.eval"));
        assertTrue(r.status().logChecked(), r.findings().toString());
        assertTrue(server.bytesServed.get() < 64 * 1024, "served " + server.bytesServed.get() + " bytes");
    }

    @Test
    void aSecondReviewOfTheSameHeadFetchesNothing() throws Exception {
        server.serve("/runs/popularity.eval", real("popularity.eval"));
        String entry = entry("example/popularity", "popularity", "0.8", "2025-02-11", server.base() + "/runs/popularity.eval");
        assertTrue(review("openai/gpt-4o-mini", entry).status().logChecked());
        int requests = server.requests.get();
        long bytes = server.bytesServed.get();
        Reviewed again = review("openai/gpt-4o-mini", entry);
        assertTrue(again.status().logChecked());
        assertEquals(requests, server.requests.get(), "no request on a re-review");
        assertEquals(bytes, server.bytesServed.get());
    }

    /** lighteval's documented results file, as a run of another model with a score, on the Hub. */
    static byte[] lighteval() throws IOException {
        return Files.readString(Path.of("../rules/src/test/resources/logs/lighteval/results_gpt2_gsm8k.json"))
                .replace("\"model_name\": \"gpt2\"", "\"model_name\": \"HuggingFaceTB/SmolLM2-1.7B-Instruct\"")
                .replace("\"em\": 0.0,", "\"em\": 0.4124,").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLightevalResultsFileIsCheckedTheSameWay() throws Exception {
        server.serve("/someone/smol/resolve/main/results_2026-01-15T10-22-33.123456.json", lighteval());
        String url = "https://huggingface.co/someone/smol/resolve/main/results_2026-01-15T10-22-33.123456.json";
        Reviewed r = review("HuggingFaceTB/SmolLM2-1.7B-Instruct", entry("openai/gsm8k", "gsm8k", "41.24", "2026-01-15", url));
        assertTrue(r.status().logChecked(), r.findings().toString());
        assertTrue(r.status().log().contains("model HuggingFaceTB/SmolLM2-1.7B-Instruct, task gsm8k, lighteval/em = 0.4124 "
                + "(41.24 on the task's 0..100 scale)"), r.status().log());
        Reviewed wrong = review("HuggingFaceTB/SmolLM2-1.7B-Instruct", entry("openai/gsm8k", "gsm8k", "43.1", "2026-01-15", url));
        assertTrue(wrong.hasError("log-disagrees", "value 43.1 is not what the cited log says: lighteval/em = 0.4124"),
                wrong.findings().toString());
    }

    @Test
    void aJsonLogIsReadOnlyUntilItsResults() throws Exception {
        String log = Files.readString(REAL.resolve("log_formats.json"));
        int samples = log.lastIndexOf("\"samples\": [") + "\"samples\": [".length(); // the top-level samples, last
        String big = log.substring(0, samples) + "{\"pad\": \"" + "x".repeat(15 << 20) + "\"}, " + log.substring(samples);
        assertTrue(big.length() > 15 << 20);
        server.serve("/big.json", big.getBytes(StandardCharsets.UTF_8));
        Reviewed r = review("ollama/llama3.1", entry("example/popularity", "popularity", "0", "2024-10-15",
                server.base() + "/big.json"));
        assertTrue(r.status().logChecked(), r.findings().toString());
        assertTrue(server.bytesServed.get() < 8 << 20, "served " + server.bytesServed.get() + " of " + big.length());
    }
}
