package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action's entrypoint ({@code action/entrypoint.sh}), run with {@code sh} as the image
 * runs it: the inputs arrive as {@code INPUT_*} variables; {@code EVALBOT} points it at a fake that
 * records its arguments, or at the real CLI on this test's class path.
 */
class ActionEntrypointTest {
    static final Path SCRIPT = Path.of("../action/entrypoint.sh").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    Run run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("sh");
        pb.command().add(SCRIPT.toString());
        pb.command().addAll(List.of(args));
        pb.directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("INPUT_") || k.equals("EVALBOT"));
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("stdout").toFile());
        pb.redirectError(tmp.resolve("stderr").toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the entrypoint did not finish");
        }
        return new Run(p.exitValue(), Files.readString(tmp.resolve("stdout")), Files.readString(tmp.resolve("stderr")));
    }

    /** A fake evalbot: writes each argument on a line of {@code args.txt}, exits with FAKE_EXIT. */
    Path fake() throws IOException {
        Path fake = tmp.resolve("fake-evalbot");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"" + tmp.resolve("args.txt")
                + "\"\nexit ${FAKE_EXIT:-0}\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    List<String> fakeArgs() throws IOException {
        return Files.readAllLines(tmp.resolve("args.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void inputsBecomeTheValidateCommandLineAndTheExitStatusIsEvalbots() throws Exception {
        Run r = run(Map.of("EVALBOT", fake().toString(), "INPUT_PATHS", "models/a/.eval_results\n  bench/eval.yaml  *.yaml\n",
                "INPUT_FORMAT", "text", "FAKE_EXIT", "1"));
        assertEquals(1, r.exit(), "errors found fail the step");
        assertEquals(List.of("validate", "--offline", "--format", "text", "models/a/.eval_results", "bench/eval.yaml",
                "*.yaml"), fakeArgs(), "split on whitespace, never globbed");
    }

    @Test
    void defaultsAreTheWholeCheckoutAsAnnotationsAndAConfigInputIsPassedOn() throws Exception {
        Path fake = fake();
        assertEquals(0, run(Map.of("EVALBOT", fake.toString())).exit());
        assertEquals(List.of("validate", "--offline", "--format", "github", "."), fakeArgs());
        run(Map.of("EVALBOT", fake.toString(), "INPUT_CONFIG", "ci/evalbot", "INPUT_PATHS", " "));
        assertEquals(List.of("validate", "--offline", "--config", "ci/evalbot", "--format", "github", "."), fakeArgs());
        run(Map.of("EVALBOT", fake.toString(), "INPUT_PATHS", "ignored"), "x.yaml", "y z.yaml");
        assertEquals(List.of("validate", "--offline", "--format", "github", "x.yaml", "y z.yaml"), fakeArgs(),
                "arguments (as pre-commit passes file names) win over the input");
    }

    @Test
    void anUnknownFormatIsAUsageErrorShownAsAnAnnotation() throws Exception {
        Run r = run(Map.of("EVALBOT", fake().toString(), "INPUT_FORMAT", "xml"));
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("::error title=evalbot::the format input must be one of"), r.err());
        assertTrue(Files.notExists(tmp.resolve("args.txt")), "evalbot is not run");
    }

    @Test
    void withTheRealCliAnInvalidResultsFileAnnotatesItsLineAndFailsTheStep() throws Exception {
        Path results = Files.createDirectories(tmp.resolve("repo/.eval_results"));
        Files.writeString(results.resolve("hle.yaml"), "- dataset: {id: cais/hle, task_id: hel}\n  value: 20.9\n");
        Files.writeString(results.resolve("gpqa.yaml"), "- dataset: {id: Idavidrein/gpqa, task_id: gpqa_diamond}\n  value: 0.41\n");
        String evalbot = Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
                + System.getProperty("java.class.path") + " " + Main.class.getName();
        Run r = run(Map.of("EVALBOT", evalbot, "INPUT_PATHS", "repo",
                "INPUT_CONFIG", Path.of(ValidateCommandTest.CONFIG).toAbsolutePath().normalize().toString()));
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("::error file=repo/.eval_results/hle.yaml,line=1,col=36,"
                + "title=unknown-task::task 'hel' is not a task of cais/hle (its tasks: hle)%0Ahint: did you mean `hle`?")), r.out());
        assertTrue(r.out().contains("evalbot: 1 error(s)"), r.out());

        Files.delete(results.resolve("hle.yaml"));
        assertEquals(0, run(Map.of("EVALBOT", evalbot, "INPUT_PATHS", "repo",
                "INPUT_CONFIG", Path.of(ValidateCommandTest.CONFIG).toAbsolutePath().normalize().toString())).exit());
    }
}
