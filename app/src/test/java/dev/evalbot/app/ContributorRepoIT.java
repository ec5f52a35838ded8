package dev.evalbot.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a contributor runs it: from a model repository of their own (git init'd,
 * outside evalbot's checkout, no {@code config/}), with no variable but {@code PATH} and
 * {@code HOME}. The pre-commit hook is the one docs/contributors.md shows, run by the real
 * {@code pre-commit} through a real {@code git commit}.
 */
class ContributorRepoIT {
    static final Path DOCS = Path.of("../docs/contributors.md").toAbsolutePath().normalize();
    static final String HLE = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n";
    static final String GPQA = "- dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}\n  value: 0.41\n";

    @TempDir
    Path tmp;
    Path repo;
    Path home;

    record Run(int exit, String out) {}

    @BeforeEach
    void modelRepo() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        repo = Files.createDirectories(tmp.resolve("org-model"));
        Files.writeString(repo.resolve("README.md"), "# org/model\n");
        Path results = Files.createDirectories(repo.resolve(".eval_results"));
        Files.writeString(results.resolve("hle.yaml"), HLE);
        Files.writeString(results.resolve("gpqa.yaml"), GPQA);
        assertEquals(0, run(repo, "git", "init", "-q", "-b", "main").exit());
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        // java first on the PATH: the hook's entry is `java -jar ...`, as the docs show it.
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv().getOrDefault("PATH",
                "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-cache").toString());
        env.put("GIT_AUTHOR_NAME", "Contributor");
        env.put("GIT_AUTHOR_EMAIL", "contributor@example.org");
        env.put("GIT_COMMITTER_NAME", "Contributor");
        env.put("GIT_COMMITTER_EMAIL", "contributor@example.org");
        return env;
    }

    Run run(Path dir, String... command) throws Exception {
        return run(dir, Map.of(), command);
    }

    Run run(Path dir, Map<String, String> extra, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env());
        pb.environment().putAll(extra);
        Path log = Files.createTempFile(tmp, "run", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    Run evalbot(Map<String, String> extra, String... args) throws Exception {
        if (!Files.isRegularFile(JarServer.JAR)) {
            throw new AssertionError(JarServer.JAR + " is missing: these tests run after `mvn package`");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JarServer.JAR.toString()));
        command.addAll(List.of(args));
        return run(repo, extra, command.toArray(String[]::new));
    }

    Run evalbot(String... args) throws Exception {
        return evalbot(Map.of(), args);
    }

    @Test
    void theJarValidatesAndReviewsInAModelRepositoryWithoutConfig() throws Exception {
        Run r = evalbot("validate");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("configuration: shipped with evalbot"), r.out());
        assertTrue(r.out().contains("2 files, 2 entries: 0 error(s), 0 warning(s)"), r.out());
        assertEquals(0, evalbot("validate", ".eval_results").exit());
        assertEquals(2, evalbot("validate", "--config", "/nonexistent").exit());

        assertEquals(0, run(repo, "git", "add", "README.md").exit());
        assertEquals(0, run(repo, "git", "commit", "-q", "-m", "card").exit());
        assertEquals(0, run(repo, "git", "add", ".eval_results").exit());
        assertEquals(0, run(repo, "git", "commit", "-q", "-m", "results").exit());
        Run review = evalbot("review", "--repo", ".", "--base", "HEAD~1", "--format", "text");
        assertEquals(0, review.exit(), review.out());
        assertTrue(review.out().startsWith("configuration: shipped with evalbot"), review.out());
        assertTrue(review.out().contains("2 files, 2 entries: 0 error(s)"), review.out());
    }

    @Test
    void theDocumentedPreCommitHookPassesAValidFileAndFailsAnOutOfRangeValueAtItsLine() throws Exception {
        Path preCommit = PythonTools.requireScript("pre-commit");
        Files.writeString(repo.resolve(".pre-commit-config.yaml"), documentedLocalHook()
                .replace("/path/to/evalbot.jar", JarServer.JAR.toString()));
        Run install = run(repo, preCommit.toString(), "install");
        assertEquals(0, install.exit(), install.out());

        assertEquals(0, run(repo, "git", "add", "-A").exit());
        Run valid = run(repo, "git", "commit", "-m", "results");
        assertEquals(0, valid.exit(), valid.out());
        assertTrue(valid.out().lines().anyMatch(l -> l.startsWith("evalbot validate") && l.endsWith("Passed")), valid.out());

        Files.writeString(repo.resolve(".eval_results/gpqa.yaml"), GPQA.replace("0.41", "41"));
        assertEquals(0, run(repo, "git", "add", "-A").exit());
        Run invalid = run(repo, "git", "commit", "-m", "out of range");
        assertNotEquals(0, invalid.exit(), invalid.out());
        assertTrue(invalid.out().lines().anyMatch(l -> l.startsWith("evalbot validate") && l.endsWith("Failed")),
                invalid.out());
        assertTrue(invalid.out().contains(".eval_results/gpqa.yaml:2:10: error[value-out-of-range]"), invalid.out());
        assertEquals("results", run(repo, "git", "log", "-1", "--format=%s").out().strip(), "the commit was refused");
    }

    @Test
    void onlineReadsWhatIsNotShippedFromTheHubAndOfflineNeverDoes() throws Exception {
        WireMockServer hub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        hub.start();
        try {
            String hle = Files.readString(Path.of("../config/benchmarks/cais/hle/eval.yaml"))
                    + "  - id: hle_live\n    config: default\n    split: test\n"
                    + "    field_spec: {input: question, target: answer}\n"
                    + "    solvers: [{name: generate}]\n    scorers: [{name: model_graded_fact}]\n";
            hub.stubFor(get(urlPathMatching("/datasets/cais/hle/resolve/[^/]+/eval.yaml"))
                    .willReturn(aResponse().withStatus(200).withBody(hle)));
            hub.stubFor(get(urlPathMatching("/datasets/Idavidrein/gpqa/resolve/[^/]+/eval.yaml")).willReturn(aResponse()
                    .withStatus(200).withBody(Files.readString(Path.of("../config/benchmarks/Idavidrein/gpqa/eval.yaml")))));
            hub.stubFor(get(urlPathMatching("/datasets/acme/new-bench/resolve/[^/]+/eval.yaml"))
                    .willReturn(aResponse().withStatus(200).withBody("name: New\ndescription: d\nevaluation_framework: "
                            + "inspect-ai\ntasks:\n  - id: main\n    field_spec: {input: q, target: a}\n"
                            + "    solvers: [{name: generate}]\n    scorers: [{name: match}]\n")));
            Files.writeString(repo.resolve(".eval_results/hle.yaml"), HLE.replace("task_id: hle", "task_id: hle_live"));
            Map<String, String> hubEnv = Map.of("HF_ENDPOINT", "http://127.0.0.1:" + hub.port());

            Run offline = evalbot(hubEnv, "validate");
            assertEquals(1, offline.exit(), offline.out());
            assertTrue(offline.out().contains("error[unknown-task]"), offline.out());
            assertEquals(0, hub.getAllServeEvents().size(), "offline is no network at all");

            Run online = evalbot(hubEnv, "validate", "--online");
            assertEquals(0, online.exit(), online.out());
            assertTrue(hub.getAllServeEvents().size() >= 1, "eval.yaml read from HF_ENDPOINT");

            // A benchmark the configuration lists but does not ship is read from the Hub alone.
            Path config = Files.createDirectories(tmp.resolve("ci-config"));
            Files.writeString(config.resolve("evalbot.yaml"), "registry:\n  benchmarks: [acme/new-bench]\n");
            Files.writeString(repo.resolve(".eval_results/hle.yaml"), "- dataset: {id: acme/new-bench, task_id: main}\n"
                    + "  value: 3\n");
            Files.delete(repo.resolve(".eval_results/gpqa.yaml"));
            Run listed = evalbot(hubEnv, "validate", "--online", "--config", config.toString());
            assertEquals(0, listed.exit(), listed.out());
            assertTrue(listed.out().startsWith("configuration: " + config + " (--config)"), listed.out());
        } finally {
            hub.stop();
        }
    }

    /** The local hook's YAML block of docs/contributors.md, as a contributor copies it. */
    static String documentedLocalHook() throws IOException {
        Matcher blocks = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOCS));
        while (blocks.find()) {
            if (blocks.group(1).contains("entry: java -jar /path/to/evalbot.jar validate --offline")) {
                return blocks.group(1);
            }
        }
        throw new AssertionError(DOCS + " shows no local hook running `java -jar /path/to/evalbot.jar validate --offline`");
    }
}
