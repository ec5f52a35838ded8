package dev.evalbot.app.cli;

import dev.evalbot.app.cli.common.ExitCodes;
import dev.evalbot.app.review.ChangedPath;
import dev.evalbot.app.review.ModelIndexNotice;
import dev.evalbot.app.review.Review;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.modelindex.ModelIndexChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evalbot review --repo DIR --base REF}: reviews a local checkout's change exactly as the
 * bot reviews a pull request, and prints the comment it would post.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Review the results and eval.yaml files changed between two revisions of a local git "
                + "checkout, and print the comment the bot would post. Exit 0: no errors; 1: errors; 2: usage or I/O.")
final class ReviewCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ReportOptions options = new ReportOptions();

    @Option(names = "--repo", paramLabel = "DIR", required = true, description = "the git checkout")
    Path repo;

    @Option(names = "--base", paramLabel = "REF", required = true, description = "the revision the change is based on")
    String base;

    @Option(names = "--head", paramLabel = "REF", defaultValue = "HEAD", description = "the changed revision (default HEAD)")
    String head;

    @Option(names = "--repo-id", paramLabel = "OWNER/NAME",
            description = "the repository's id on the Hub or GitHub (default: local/<directory name>)")
    String repoId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "markdown (the comment, default), json, text, sarif or github (workflow commands)")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(repo)) {
            throw new IOException("no such directory: " + repo);
        }
        ReviewSession session = ReviewSession.open(options, System.getenv(), Clock.systemUTC());
        GitCheckout git = new GitCheckout(repo);
        String baseSha = revision(git, "--base", base);
        String headSha = revision(git, "--head", head);
        int limit = session.config().rules().limits().maxBytes() + 1;
        List<ChangedFile> files = new ArrayList<>();
        List<String> changed = git.changedPaths(baseSha, headSha);
        for (String path : changed) {
            FileKind kind = FileKind.ofRepoPath(path);
            if (kind == FileKind.OTHER) {
                continue;
            }
            byte[] previous = kind == FileKind.BENCHMARK && git.exists(baseSha, path) ? git.show(baseSha, path, limit)
                    : null;
            ChangedFile file = new ChangedFile(path, kind, git.show(headSha, path, limit), previous);
            files.add(file.bytes().length < limit ? file : file.withSize(git.size(headSha, path)));
        }
        String id = repoId != null ? repoId : "local/" + repo.toAbsolutePath().normalize().getFileName();
        ChangeReport report = session.validator().validate(id, files);
        List<String> notices = modelIndexNotice(git, changed, baseSha, headSha,
                session.config().rules().limits().maxBytes());
        if (report.isEmpty() && notices.isEmpty() && format == OutputFormat.markdown) {
            spec.commandLine().getOut().println("No results or eval.yaml changes between " + base + " and " + head
                    + ": the bot would set a neutral status and post no comment.");
            return ExitCodes.OK;
        }
        Review review = session.review(id, 0, headSha, report);
        session.print(review, format, spec.commandLine().getOut(), notices);
        return review.verdict() == dev.evalbot.rules.check.Verdict.INVALID ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The bot's notice for a model card whose model-index changed without any results file, as a list of 0 or 1. */
    /** The commit of {@code rev}, or an error naming the revision and what to do about it. */
    private String revision(GitCheckout git, String option, String rev) throws IOException {
        return git.resolve(rev).orElseThrow(() -> new IOException(option + " " + rev + ": no branch, tag or commit of "
                + "that name in " + repo + (rev.contains("/") ? " (a remote branch is there only once fetched: git -C "
                + repo + " fetch " + rev.substring(0, rev.indexOf('/')) + ")" : "")));
    }

    private static List<String> modelIndexNotice(GitCheckout git, List<String> changed, String baseSha, String headSha,
            int maxBytes) throws IOException {
        // git lists added and modified paths only (deleted ones need no review): none is a removal.
        List<ChangedPath> paths = changed.stream().map(p -> new ChangedPath(p, ChangedPath.Status.MODIFIED, null))
                .toList();
        String notice = new ModelIndexNotice(maxBytes).of(paths, baseSha, headSha, revision ->
                git.exists(revision, ModelIndexChange.CARD) ? git.show(revision, ModelIndexChange.CARD, maxBytes + 1)
                        : null);
        return notice == null ? List.of() : List.of(notice);
    }
}
