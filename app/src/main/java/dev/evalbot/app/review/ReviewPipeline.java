package dev.evalbot.app.review;

import dev.evalbot.app.platform.ChangedPath;
import dev.evalbot.app.platform.CommitState;
import dev.evalbot.app.platform.Platform;
import dev.evalbot.app.platform.PullHead;
import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.check.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one review path for every platform: read the change, validate it, add trust, render the
 * comment, then write only what changed (comment, labels, status) and remember the result.
 */
public final class ReviewPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewPipeline.class);

    /** @param postWhenNothingToReview post a comment even on a PR without results files */
    public record Settings(int maxChangedFiles, boolean postWhenNothingToReview) {
        public static final Settings DEFAULT = new Settings(3000, false);
    }

    /** @param validators the validator to use now (its registry may change with configuration) */
    private final Supplier<ChangeValidator> validators;
    private final TrustAnnotator trust;
    private final ReviewLog log;
    private final ReportJson json;
    private final Settings settings;
    private final int maxBytes;
    private final ReviewListener listener;

    public ReviewPipeline(Supplier<ChangeValidator> validators, int maxBytes, TrustAnnotator trust, ReviewLog log,
            ReportJson json, Settings settings) {
        this(validators, maxBytes, trust, log, json, settings, ReviewListener.NONE);
    }

    public ReviewPipeline(Supplier<ChangeValidator> validators, int maxBytes, TrustAnnotator trust, ReviewLog log,
            ReportJson json, Settings settings, ReviewListener listener) {
        this.validators = validators;
        this.maxBytes = maxBytes;
        this.trust = trust;
        this.log = log;
        this.json = json;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Reviews the pull request at the head it has now, whatever head the delivery named: deliveries
     * come late and out of order, and the comment and labels must describe the current head. One
     * request learns it ({@link Platform#currentHead}); a delivery for an older head whose current
     * head is reviewed already writes nothing.
     *
     * @param delivered the pull request as the delivery describes it
     * @param history maintainer commands to show, newest last
     * @param approved a maintainer approved: success even with warnings
     * @param announcePending set a pending status first (the review is a retry or waited in line)
     */
    public ReviewOutcome review(Platform platform, PullRequestRef delivered, List<String> history, boolean approved,
            boolean announcePending, boolean bypassCaches) {
        PullHead now = platform.currentHead(delivered);
        PullRequestRef pr = delivered.at(now);
        ReviewState state = log.state(pr);
        boolean stale = delivered.headSha() != null && !delivered.headSha().equals(now.sha());
        // A retry or a recheck goes on: its earlier attempt may have stopped between recording the
        // review and setting the status, and a recheck asks for fresh checks.
        if (stale && !announcePending && !bypassCaches && state.reviewed(now.sha())) {
            LOG.info("{}: delivery for {} is out of date; the current head {} is reviewed already", pr.subject(),
                    shortSha(delivered.headSha()), shortSha(now.sha()));
            return new ReviewOutcome.Stale(delivered.headSha(), now.sha());
        }
        if (stale) {
            LOG.info("{}: delivery for {}, reviewing the current head {}", pr.subject(), shortSha(delivered.headSha()),
                    shortSha(now.sha()));
        }
        if (announcePending) {
            platform.setStatus(pr, pr.headSha(), CommitState.PENDING, "evalbot is reviewing");
        }
        List<ChangedPath> changed = platform.changedFiles(pr, settings.maxChangedFiles());
        List<String> reviewed = new ArrayList<>();
        List<String> benchmarks = new ArrayList<>();
        for (ChangedPath c : changed) {
            if (c.removed()) {
                continue;
            }
            FileKind kind = FileKind.ofRepoPath(c.path());
            if (kind == FileKind.RESULTS) {
                reviewed.add(c.path());
            } else if (kind == FileKind.BENCHMARK) {
                benchmarks.add(c.path());
                reviewed.add(c.path());
            }
        }
        String notice = new ModelIndexNotice(maxBytes).of(platform, pr, changed);
        if (reviewed.isEmpty() && notice == null && !settings.postWhenNothingToReview()) {
            platform.setStatus(pr, pr.headSha(), CommitState.SUCCESS, "no evaluation results in this pull request");
            return new ReviewOutcome.NothingToReview();
        }
        Map<String, byte[]> head = platform.read(pr, pr.headSha(), reviewed, maxBytes);
        Map<String, byte[]> base = benchmarks.isEmpty() || pr.baseSha() == null ? Map.of()
                : platform.read(pr, pr.baseSha(), benchmarks, maxBytes);
        List<ChangedFile> files = new ArrayList<>();
        for (String path : reviewed) {
            byte[] bytes = head.get(path);
            if (bytes != null) {
                files.add(new ChangedFile(path, FileKind.ofRepoPath(path), bytes, base.get(path)));
            }
        }
        ChangeReport report = validators.get().validate(pr.repo(), files);
        TrustAnnotator.Annotated annotated = trust.annotate(pr, report, bypassCaches);
        Review review = new Review(pr.repo(), pr.number(), pr.headSha(), annotated.report(), annotated.statuses(),
                history, approved);
        String markdown = new ReviewRenderer(platform.links(pr)).render(review,
                notice == null ? List.of() : List.of(notice));
        CommentStep comment = upsertComment(platform, pr, review, markdown, state, now.mayHaveComments());
        Set<String> desired = new HashSet<>(annotated.labels());
        desired.add(review.verdict() == Verdict.INVALID ? OwnedLabels.INVALID : OwnedLabels.VALID);
        Set<String> current = new HashSet<>(pr.labels());
        current.addAll(comment.state().labels());
        OwnedLabels.Change labels = OwnedLabels.change(current, desired);
        // The state is written once, at the end. Should a platform call fail first, what was posted
        // so far is written before the failure goes up, so that the retry edits rather than searches.
        ReviewState reached = comment.state();
        try {
            if (!labels.isEmpty()) {
                platform.setLabels(pr, labels.add(), labels.remove());
            }
            reached = reached.withLabels(desired);
        } catch (RuntimeException e) {
            try {
                // The comment's id and body, but not yet "this head is reviewed": the labels are not.
                log.saveState(pr, reached.withComment(reached.commentId(), false, reached.bodyHash(),
                        comment.before().headSha(), comment.before().verdict()));
            } catch (RuntimeException stored) {
                e.addSuppressed(stored);
            }
            throw e;
        }
        log.save(pr, reached, review, markdown, jsonOf(review));
        listener.reviewed(pr, review);
        // The status goes last: it is what tells the author (and tests) that the review is complete.
        // A repeat of a finished review writes nothing; a retry (announcePending) always re-sets it,
        // since a crash may have come between recording the review and setting its status.
        if (!(comment.repeat() && labels.isEmpty() && !announcePending)) {
            CommitState status = review.verdict() == Verdict.INVALID ? CommitState.FAILURE : CommitState.SUCCESS;
            platform.setReviewStatus(pr, pr.headSha(), status, truncate(ReviewRenderer.headline(review), 140), review);
        }
        LOG.info("reviewed {} at {}: {} ({} files, comment {})", pr.subject(), shortSha(pr.headSha()),
                review.verdict().label(), files.size(), comment.written() ? "written" : "unchanged");
        boolean written = comment.written();
        return new ReviewOutcome.Reviewed(review, written);
    }

    /** The state after the comment step, and whether it wrote. */
    /** @param before the state found at the start of this run */
    private record CommentStep(ReviewState state, boolean written, ReviewState before) {
        /** The same head got the same review last time, and that run got as far as recording it. */
        boolean repeat() {
            return !written && state.headSha() != null && state.headSha().equals(before.headSha())
                    && state.verdict().equals(before.verdict());
        }
    }

    /**
     * @param mayHaveComments false when the platform says the pull request has no comment at all
     */
    private CommentStep upsertComment(Platform platform, PullRequestRef pr, Review review, String markdown,
            ReviewState state, boolean mayHaveComments) {
        String hash = sha256(markdown);
        String commentId = state.commentId();
        if (commentId == null && (state.commentPending() || mayHaveComments)) {
            // No record of the comment: a create may have reached the platform before a crash, or
            // the store is new (restored, moved, deleted). Look for our own before creating one.
            commentId = platform.findOwnComment(pr, ReviewRenderer.MARKER).orElse(null);
        }
        boolean written = false;
        if (commentId == null) {
            log.saveState(pr, state.withComment(null, true, state.bodyHash(), state.headSha(), state.verdict()));
            commentId = platform.createComment(pr, markdown);
            written = true;
        } else if (!hash.equals(state.bodyHash())) {
            platform.updateComment(pr, commentId, markdown);
            written = true;
        }
        // Not written here: the review's end writes it (see review()). A crash before then leaves the
        // "create pending" mark, and the next run looks for the comment before creating one.
        ReviewState after = state.withComment(commentId, false, hash, pr.headSha(), review.verdict().name());
        return new CommentStep(after, written, state);
    }

    private String jsonOf(Review review) {
        return json.change(review.report(), review).toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(7, sha.length()));
    }

}
