package dev.evalbot.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalbot.app.review.ModelIndexNotice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewCommandTest {
    @TempDir
    Path repo;

    private void git(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @BeforeEach
    void init() throws Exception {
        git("init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "model\n");
        git("add", ".");
        git("commit", "-q", "-m", "base");
    }

    @Test
    void reviewsOnlyWhatTheChangeTouchedAndPrintsTheComment() throws Exception {
        Path results = Files.createDirectories(repo.resolve(".eval_results"));
        Files.writeString(results.resolve("hle.yaml"),
                "- dataset: {id: cais/hle, task_id: hel}\n  value: 20.9\n  source: {url: https://arxiv.org/abs/2501.14249}\n");
        Files.writeString(repo.resolve("notes.yaml"), "not: reviewed\n");
        git("add", ".");
        git("commit", "-q", "-m", "add results");
        CliRunner r = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "HEAD~1");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().startsWith("<!-- evalbot:review -->\n### ❌ evalbot: 1 result in 1 file, 1 error"), r.out());
        assertTrue(r.out().contains("unknown-task"), r.out());
        assertTrue(r.out().contains("skipped \\(offline\\)"), r.out());
        assertTrue(!r.out().contains("notes.yaml"), r.out());
        CliRunner json = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "main~1",
                "--head", "main", "--format", "json");
        assertEquals("invalid", ValidateCommandTest.parse(json.out()).get("verdict").asText());
    }

    @Test
    void changeWithoutResultsSaysTheBotWouldStayQuiet() throws Exception {
        Files.writeString(repo.resolve("README.md"), "changed\n");
        git("commit", "-qam", "docs");
        CliRunner r = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "HEAD~1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("no comment"), r.out());
    }

    static final String CARD_WITH_INDEX = "---\nlicense: mit\nmodel-index:\n- name: m\n  results:\n"
            + "  - dataset: {type: cais/hle, name: HLE}\n    metrics: [{type: acc, value: 20.9}]\n---\n# model\n";

    @Test
    void aModelIndexChangedWithoutResultsGetsTheBotsNotice() throws Exception {
        Files.writeString(repo.resolve("README.md"), CARD_WITH_INDEX);
        git("commit", "-qam", "scores in the card");
        CliRunner r = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "HEAD~1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("<!-- evalbot:review -->\n### "), r.out());
        assertTrue(r.out().contains(ModelIndexNotice.TEXT), r.out());
        assertFalse(r.out().contains("no comment"), r.out());
        CliRunner text = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "HEAD~1",
                "--format", "text");
        assertTrue(text.out().contains(ModelIndexNotice.TEXT), text.out());

        // The same model-index with another layout and only the prose changed: not a model-index change.
        Files.writeString(repo.resolve("README.md"), CARD_WITH_INDEX.replace("{type: acc, value: 20.9}",
                "{type: acc,   value:  20.9 }").replace("# model", "# model, better described"));
        git("commit", "-qam", "prose");
        CliRunner prose = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "HEAD~1");
        assertTrue(prose.out().contains("no comment"), prose.out());
    }

    @Test
    void aModelIndexChangedWithResultsGetsNoNotice() throws Exception {
        Files.writeString(repo.resolve("README.md"), CARD_WITH_INDEX);
        Path results = Files.createDirectories(repo.resolve(".eval_results"));
        Files.writeString(results.resolve("hle.yaml"), "- dataset: {id: cais/hle, task_id: hle}\n  value: 20.9\n");
        git("add", ".");
        git("commit", "-q", "-m", "scores in both places");
        CliRunner r = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "HEAD~1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1 result in 1 file"), r.out());
        assertFalse(r.out().contains("model-index"), r.out());
    }

    @Test
    void unknownRevisionIsAOneLineError() {
        CliRunner r = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "nope");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("evalbot: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aRemoteBranchThatWasNeverFetchedIsNamedWithWhatToDo() {
        CliRunner r = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "origin/main");
        assertEquals(2, r.exit());
        assertEquals("evalbot: --base origin/main: no branch, tag or commit of that name in " + repo + " (a remote branch "
                + "is there only once fetched: git -C " + repo + " fetch origin)\n", r.err());
    }

    @Test
    void anOversizedResultsFileIsReportedWithItsSizeInTheRepository() throws Exception {
        Path results = Files.createDirectories(repo.resolve(".eval_results"));
        Files.write(results.resolve("big.yaml"), ("- dataset: {id: cais/hle, task_id: hle}\n  value: 20\n"
                + "#".repeat(2_000_000) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        git("add", ".");
        git("commit", "-q", "-m", "big");
        CliRunner r = CliRunner.run("review", "--config", "../config", "--repo", repo.toString(), "--base", "main~1",
                "--format", "text");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("the file is 2,000,053 bytes (1.9 MiB); the limit is 1,048,576 bytes (1 MiB)"), r.out());
    }
}
