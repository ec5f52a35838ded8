package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evalbot validate --format github}: workflow commands that annotate a GitHub Actions run. */
class ValidateGitHubFormatTest {
    @TempDir
    Path tmp;

    @Test
    void aFindingIsAnErrorCommandAtItsFileLineAndColumn() {
        Path file = ValidateCommandTest.EXAMPLES.resolve("invalid-unknown-task.yaml");
        CliRunner r = CliRunner.run("validate", "--config", ValidateCommandTest.CONFIG, "--format", "github", file.toString());
        assertEquals(1, r.exit(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("::error file=" + file.toString().replace(":", "%3A") + ",line=4,col=14,title=unknown-task::"
                + "task 'default' is not a task of cais/hle"), first);
        assertTrue(r.out().lines().reduce((a, b) -> b).orElseThrow().startsWith("evalbot: 1 error(s)"), r.out());
    }

    @Test
    void warningsAndNoticesHaveTheirOwnCommandsAndAValidFileExitsZero() throws Exception {
        Path results = Files.createDirectories(tmp.resolve("model/.eval_results"));
        Files.writeString(results.resolve("hle.yaml"), "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  colour: blue\n");
        CliRunner r = CliRunner.run("validate", "--config", ValidateCommandTest.CONFIG, "--format", "github",
                tmp.resolve("model").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("::warning file=") && l.contains(",line=3,col=3,title=unknown-key::")),
                r.out());
    }

    @Test
    void whatAFileSuppliesIsEscapedSoItCannotEndTheCommandOrStartAnother() throws Exception {
        Path results = Files.createDirectories(tmp.resolve("m/.eval_results"));
        Path odd = results.resolve("we,ird:name.yaml");
        Files.writeString(odd, "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n  \"50%\\r\\n::error::pwned\": 1\n");
        CliRunner r = CliRunner.run("validate", "--config", ValidateCommandTest.CONFIG, "--format", "github",
                odd.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        String command = lines.get(0);
        assertTrue(command.startsWith("::warning file="), command);
        assertTrue(command.contains("we%2Cird%3Aname.yaml,line=3,"), command);
        assertTrue(command.contains("50%25%0D%0A::error::pwned"), command);
        assertTrue(!r.out().contains("\r"), "no raw carriage return reaches the log");
    }

    @Test
    void nothingToValidateIsAnErrorCommandSoTheWorkflowRunShowsIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRunner r = CliRunner.run("validate", "--config", ValidateCommandTest.CONFIG, "--format", "github",
                empty.toString());
        assertEquals(2, r.exit(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("::error title=evalbot::nothing to validate under "), first);
        assertTrue(r.err().contains("nothing to validate under"), r.err());
    }

    @Test
    void escapingFollowsTheRunner() {
        assertEquals("a%25b%0Dc%0Ad:e,f", WorkflowCommands.data("a%b\rc\nd:e,f"));
        assertEquals("a%25b%0Dc%0Ad%3Ae%2Cf", WorkflowCommands.property("a%b\rc\nd:e,f"));
    }
}
