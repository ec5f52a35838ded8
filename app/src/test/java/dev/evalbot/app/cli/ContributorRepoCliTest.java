package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI where a contributor stands: a model repository of their own, outside evalbot's checkout,
 * with no {@code config/}. Runs the CLI of this test's class path as a child process in that
 * directory, with no variable but {@code PATH} (so no {@code EVALBOT_CONFIG}), as a shell would.
 */
class ContributorRepoCliTest {
    static final String HLE = "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n";
    static final String GPQA = "- dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}\n  value: 0.41\n";

    @TempDir
    Path tmp;

    Path repo;

    record Run(int exit, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    @BeforeEach
    void modelRepo() throws IOException {
        repo = Files.createDirectories(tmp.resolve("org-model"));
        Path results = Files.createDirectories(repo.resolve(".eval_results"));
        Files.writeString(results.resolve("hle.yaml"), HLE);
        Files.writeString(results.resolve("gpqa.yml"), GPQA);
        Files.writeString(repo.resolve("README.md"), "# org/model\n");
    }

    Run evalbot(Path dir, Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.putAll(extraEnv);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("evalbot did not finish: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    Run evalbot(String... args) throws Exception {
        return evalbot(repo, Map.of(), args);
    }

    @Test
    void everyFormOfValidateFindsTheFilesWithTheShippedConfiguration() throws Exception {
        for (List<String> form : List.<List<String>>of(List.of(), List.of("."), List.of(".eval_results"), List.of("./.eval_results/"),
                List.of(".eval_results/hle.yaml", ".eval_results/gpqa.yml"), List.of(".", ".eval_results"))) {
            List<String> args = new ArrayList<>(List.of("validate"));
            args.addAll(form);
            Run r = evalbot(args.toArray(String[]::new));
            assertEquals(0, r.exit(), form + ": " + r.out() + r.err());
            assertEquals("configuration: shipped with evalbot (no --config, EVALBOT_CONFIG or ./config/evalbot.yaml)",
                    r.firstLine(), form.toString());
            assertTrue(r.out().contains("2 files, 2 entries: 0 error(s), 0 warning(s)"), form + ": " + r.out());
        }
        Run inside = evalbot(repo.resolve(".eval_results"), Map.of(), "validate");
        assertTrue(inside.out().contains("2 files, 2 entries: 0 error(s)"), "from inside .eval_results: " + inside.out());
    }

    @Test
    void anOutOfRangeValueIsAnErrorAtItsLine() throws Exception {
        Files.writeString(repo.resolve(".eval_results/gpqa.yml"), GPQA.replace("0.41", "41"));
        Run r = evalbot("validate", ".eval_results");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains(".eval_results/gpqa.yml:2:10: error[value-out-of-range]"), r.out());
    }

    @Test
    void validatingTheCurrentDirectoryNamesFilesAsTheDocsShowThem() throws Exception {
        Files.writeString(repo.resolve(".eval_results/gpqa.yml"), GPQA.replace("0.41", "41"));
        for (List<String> form : List.of(List.of("validate"), List.of("validate", "."), List.of("validate", "./.eval_results/gpqa.yml"))) {
            Run r = evalbot(form.toArray(String[]::new));
            assertEquals(1, r.exit(), form + ": " + r.out() + r.err());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(".eval_results/gpqa.yml:2:10: error[value-out-of-range]")),
                    form + ": " + r.out());
        }
    }

    @Test
    void machineFormatsStayMachineReadable() throws Exception {
        Run json = evalbot("validate", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        assertEquals(2, ValidateCommandTest.parse(json.out()).get("summary").get("files").asInt());
        Run github = evalbot("validate", "--format", "github", ".eval_results");
        assertTrue(github.firstLine().startsWith("evalbot: 0 error(s)") || github.firstLine().startsWith("::"),
                github.out());
    }

    @Test
    void nothingToValidateIsExitTwoNeverValid() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        for (List<String> form : List.of(List.of("validate"), List.of("validate", "."))) {
            Run r = evalbot(empty, Map.of(), form.toArray(String[]::new));
            assertEquals(2, r.exit(), form + ": " + r.out() + r.err());
            assertEquals("evalbot: nothing to validate under . (looked for .eval_results/**/*.yaml|yml and eval.yaml)",
                    r.err().strip(), form.toString());
            assertTrue(!r.out().contains("valid"), r.out());
        }
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/notes.yaml"), "a: 1\n");
        Run docs = evalbot("validate", "docs");
        assertEquals(2, docs.exit(), docs.out() + docs.err());
        assertEquals("evalbot: nothing to validate under docs (looked for .eval_results/**/*.yaml|yml and eval.yaml)",
                docs.err().strip());
        Files.createDirectories(repo.resolve(".eval_results/old"));
        Run emptyResults = evalbot("validate", ".eval_results/old");
        assertEquals(2, emptyResults.exit(), emptyResults.out() + emptyResults.err());
    }

    @Test
    void aNamedConfigurationThatDoesNotExistIsExitTwoWithOneLine() throws Exception {
        Run option = evalbot("validate", "--config", "/nonexistent", ".");
        assertEquals(2, option.exit(), option.out() + option.err());
        assertEquals("evalbot: --config /nonexistent: no such configuration directory (without one, evalbot uses the "
                + "configuration shipped inside the jar)", option.err().strip());
        Run env = evalbot(repo, Map.of("EVALBOT_CONFIG", "/typo"), "validate");
        assertEquals(2, env.exit(), env.out() + env.err());
        assertEquals("evalbot: EVALBOT_CONFIG /typo: no such configuration directory (without one, evalbot uses the "
                + "configuration shipped inside the jar)", env.err().strip());
        assertEquals("", env.out());
        Run review = evalbot(repo, Map.of("EVALBOT_CONFIG", "/typo"), "import", "model-index", ".");
        assertEquals(2, review.exit(), review.out() + review.err());
    }

    @Test
    void aConfigDirectoryIsUsedOnlyWhenItHoldsEvalbotYaml() throws Exception {
        Files.createDirectories(repo.resolve("config"));
        Files.writeString(repo.resolve("config/model.json"), "{}");
        assertTrue(evalbot("validate").firstLine().startsWith("configuration: shipped with evalbot"),
                "a model's own config/ folder is not evalbot's");
        Files.writeString(repo.resolve("config/evalbot.yaml"), "registry:\n  benchmarks: [cais/hle]\n");
        Run own = evalbot("validate");
        assertEquals("configuration: " + repo.resolve("config").toRealPath() + " (./config)", own.firstLine());
        assertEquals(1, own.exit(), "its registry has no benchmarks/: " + own.out());
        Run named = evalbot(repo, Map.of("EVALBOT_CONFIG", Path.of(ValidateCommandTest.CONFIG).toAbsolutePath().normalize()
                .toString()), "validate");
        assertEquals(0, named.exit(), named.out() + named.err());
        assertTrue(named.firstLine().endsWith(" (EVALBOT_CONFIG)"), named.firstLine());
    }
}
