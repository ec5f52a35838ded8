package dev.evalbot.app.review;

import dev.evalbot.app.event.PullHead;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.ChangeValidator;
import dev.evalbot.rules.check.ChangedFile;
import dev.evalbot.rules.check.FileKind;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.Verdict;
import dev.evalbot.rules.model.DatasetRef;
import dev.evalbot.rules.model.ResultEntry;
import dev.evalbot.rules.modelindex.ModelIndexChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
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
    private final ModelCardListener cards;

    /** @param cards told the model card at the head of every pull request with results files (read with them) */
    public ReviewPipeline(Supplier<ChangeValidator> validators, int maxBytes, TrustAnnotator trust, ReviewLog log,
            ReportJson json, Settings settings, ReviewListener listener, ModelCardListener cards) {
        this.cards = cards;
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
     * head is reviewed already writes nothing. The review runs in full for its head unless the
     * request {@linkplain ReviewRequest#mayRepeat may repeat} a finished one.
     */
    public ReviewOutcome review(Platform platform, ReviewRequest request) {
        PullRequestRef delivered = request.delivered();
        List<String> history = request.history();
        boolean approved = request.approved();
        boolean announcePending = request.announcePending();
        boolean bypassCaches = request.bypassCaches();
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
        if (request.mayRepeat() && !stale && !announcePending && !bypassCaches && state.reviewed(now.sha())
                && now.mayHaveComments()
                && ReviewInputs.decode(state.inputs()).filter(i -> inputs(pr, history, approved, i.definitions())
                        .equals(i)).isPresent()) {
            LOG.debug("{}: {} is reviewed already with the same inputs", pr.subject(), shortSha(now.sha()));
            return new ReviewOutcome.Repeat(now.sha());
        }
        if (stale) {
            LOG.info("{}: delivery for {}, reviewing the current head {}", pr.subject(), shortSha(delivered.headSha()),
                    shortSha(now.sha()));
        }
        // A comment, labels and the verdict: wait for room in the platform's budget before reading.
        platform.awaitWriteBudget(pr, 3);
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
        // The card is read with the results (one request on GitHub), only when something listens.
        boolean readCard = cards != ModelCardListener.NONE && reviewed.size() > benchmarks.size()
                && !reviewed.contains(ModelIndexChange.CARD);
        List<String> toRead = readCard ? concat(reviewed, ModelIndexChange.CARD) : reviewed;
        Map<String, byte[]> head = platform.read(pr, pr.headSha(), toRead, maxBytes);
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
        CommentStep comment = upsertComment(platform, pr, review, markdown, state, now.mayHaveComments(), bypassCaches);
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
                        comment.before().headSha(), comment.before().verdict()).withInputs(null));
            } catch (RuntimeException stored) {
                e.addSuppressed(stored);
            }
            throw e;
        }
        // Recorded with the review, so that a repeat delivery of this head can stop early; taken back
        // below should the rest fail (a crash before the status makes the re-run a retry, which never stops early).
        if (readCard) {
            // Before the results are recorded: their board refresh then sees the card too.
            cards.read(pr, head.get(ModelIndexChange.CARD));
        }
        ReviewInputs inputs = inputs(pr, history, approved, definitionsOf(review));
        log.save(pr, reached.withInputs(inputs == null ? null : inputs.encode()), review, markdown, jsonOf(review));
        try {
            listener.reviewed(pr, review);
            // The status goes last: it is what tells the author (and tests) that the review is complete.
            // A repeat of a finished review writes nothing; a retry (announcePending) always re-sets it,
            // since a crash may have come between recording the review and setting its status, and so
            // does a run after one that did not finish (its inputs were taken back: a failure, or a wait
            // for GitHub's budget, which the inbox does not count as an attempt).
            if (!(comment.repeat() && labels.isEmpty() && !announcePending && comment.before().inputs() != null)) {
                CommitState status = review.verdict() == Verdict.INVALID ? CommitState.FAILURE : CommitState.SUCCESS;
                platform.setReviewStatus(pr, pr.headSha(), status, truncate(ReviewRenderer.headline(review), 140),
                        review);
            }
        } catch (RuntimeException e) {
            forget(pr, e);
            throw e;
        }
        LOG.info("reviewed {} at {}: {} ({}, comment {})", pr.subject(), shortSha(pr.headSha()),
                review.verdict().label(), Counted.of(files.size(), "file"), comment.written() ? "written" : "unchanged");
        boolean written = comment.written();
        return new ReviewOutcome.Reviewed(review, written);
    }

    /**
     * A pull request closed: its next review runs in full, whatever head it names, so that a
     * reopened pull request's results return to the leaderboards (the review records them again).
     */
    public void closed(PullRequestRef pr) {
        ReviewState state = log.state(pr);
        if (state.inputs() != null && !CLOSED.equals(state.inputs())) {
            log.saveState(pr, state.withInputs(CLOSED));
        }
    }

    /**
     * The inputs of a finished review once its pull request closed: no inputs decode from it, so the
     * next review runs in full; unlike null (a run that did not finish), its verdict was set, so a
     * review that has nothing new to say need not set it again.
     */
    private static final String CLOSED = "closed";

    private static List<String> concat(List<String> paths, String path) {
        List<String> out = new ArrayList<>(paths);
        out.add(path);
        return out;
    }

    /** Takes back "this head's review is finished": the next delivery reviews in full. */
    private void forget(PullRequestRef pr, RuntimeException failure) {
        try {
            log.saveState(pr, log.state(pr).withInputs(null));
        } catch (RuntimeException stored) {
            failure.addSuppressed(stored);
        }
    }

    /**
     * What the review of {@code pr} depends on besides its head's files, or null when it looked up
     * too many definitions to remember (then it is always done again).
     */
    private ReviewInputs inputs(PullRequestRef pr, List<String> history, boolean approved,
            List<ReviewInputs.Definition> definitions) {
        if (definitions == null) {
            return null;
        }
        List<DatasetRef> refs = definitions.stream()
                .map(d -> new DatasetRef(d.datasetId(), null, null, null, d.revision())).toList();
        StringBuilder text = new StringBuilder("evalbot review inputs 1\n")
                .append(ReviewInputs.BUILD).append('\n')
                .append(pr.platform()).append('\n').append(pr.baseSha()).append('\n').append(pr.author()).append('\n')
                .append(settings).append(' ').append(maxBytes).append('\n').append(approved).append('\n')
                .append(history.size()).append('\n');
        history.forEach(line -> text.append(line.length()).append(':').append(line).append('\n'));
        text.append(validators.get().dependencies(refs));
        return new ReviewInputs(sha256(text.toString()), definitions);
    }

    /** The benchmark definitions the review looked up, in order; null when there are too many. */
    private static List<ReviewInputs.Definition> definitionsOf(Review review) {
        Set<ReviewInputs.Definition> seen = new LinkedHashSet<>();
        for (FileReport file : review.report().files()) {
            for (ResultEntry e : file.entries()) {
                if (e.dataset() != null && e.dataset().id() != null) {
                    seen.add(new ReviewInputs.Definition(e.dataset().id(), e.dataset().revision()));
                }
            }
        }
        return seen.size() > ReviewInputs.MAX_DEFINITIONS ? null : List.copyOf(seen);
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
     * @param verify make sure the recorded comment is still there (a recheck: someone may have
     *     deleted it, and an unchanged body would otherwise write nothing)
     */
    private CommentStep upsertComment(Platform platform, PullRequestRef pr, Review review, String markdown,
            ReviewState state, boolean mayHaveComments, boolean verify) {
        String hash = sha256(markdown);
        String commentId = state.commentId();
        if (commentId != null && (verify || !mayHaveComments)) {
            // No comment on the pull request although one is recorded (or a recheck asks): someone
            // may have deleted it. Look (a count may lag) before posting the review again.
            String found = platform.findOwnComment(pr, ReviewRenderer.MARKER).orElse(null);
            if (!commentId.equals(found)) {
                LOG.info("{}: evalbot's comment {} is gone{}", pr.subject(), commentId,
                        found == null ? ", posting the review again" : ", using " + found);
                commentId = found;
                state = state.withComment(found, false, null, state.headSha(), state.verdict());
            }
        } else if (commentId == null && (state.commentPending() || mayHaveComments)) {
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
            // A deleted comment is posted again (a new id): record whichever holds the review now.
            commentId = platform.updateComment(pr, commentId, markdown);
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
