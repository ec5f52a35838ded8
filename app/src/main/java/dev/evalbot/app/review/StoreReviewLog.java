package dev.evalbot.app.review;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.event.PullRequestRef;
import dev.evalbot.app.store.PullRef;
import dev.evalbot.app.store.ReviewRow;
import dev.evalbot.app.store.ReviewStore;
import dev.evalbot.app.store.StoredReview;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@link ReviewLog} on the store's {@link ReviewStore}. "Create pending" is kept as a null comment
 * id with the hash {@code pending}: the row exists before the platform call, so a crash between
 * the call and the next write leaves a trace that makes the next run look before it creates.
 */
public final class StoreReviewLog implements ReviewLog {
    private static final String PENDING = "pending";
    private static final ReviewRow BLANK = new ReviewRow("", "PENDING", "", "{}", null, null, List.of());

    private final ReviewStore store;

    public StoreReviewLog(ReviewStore store) {
        this.store = store;
    }

    @Override
    public ReviewState state(PullRequestRef pr) {
        return store.get(pull(pr)).map(StoredReview::review).map(r -> {
            boolean pending = PENDING.equals(r.commentHash());
            return new ReviewState(r.commentId(), pending, pending ? null : r.commentHash(),
                    r.headSha() == null || r.headSha().isEmpty() ? null : r.headSha(), r.verdict(),
                    new TreeSet<>(r.labels()), r.inputs());
        }).orElse(ReviewState.NONE);
    }

    @Override
    public void saveState(PullRequestRef pr, ReviewState state) {
        var r = current(pr);
        // No head yet means no finished review yet: an empty head never matches a current one.
        store.put(pull(pr), new ReviewRow(state.headSha() != null ? state.headSha() : "",
                state.verdict() != null ? state.verdict() : r.verdict(), r.markdown(), r.reportJson(),
                state.commentId(), state.commentPending() ? PENDING : state.bodyHash(),
                List.copyOf(new TreeSet<>(state.labels())), state.inputs()));
    }

    @Override
    public void saveReview(PullRequestRef pr, Review review, String markdown, String json) {
        var r = current(pr);
        store.put(pull(pr), new ReviewRow(String.valueOf(pr.headSha()), review.verdict().name(),
                markdown, json, r.commentId(), r.commentHash(), r.labels(), r.inputs()));
    }

    /** One write instead of two, and no read: the state and the review hold every column. */
    @Override
    public void save(PullRequestRef pr, ReviewState state, Review review, String markdown, String json) {
        store.put(pull(pr), new ReviewRow(
                state.headSha() != null ? state.headSha() : String.valueOf(pr.headSha()), review.verdict().name(),
                markdown, json, state.commentId(), state.commentPending() ? PENDING : state.bodyHash(),
                List.copyOf(new TreeSet<>(state.labels())), state.inputs()));
    }

    /** The latest review's Markdown and JSON, for {@code GET /reviews/...}. */
    public Optional<String[]> latest(String platform, String repo, int number) {
        PlatformId id;
        try {
            id = PlatformId.of(platform);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return store.get(new PullRef(id, repo, number)).map(StoredReview::review)
                .filter(r -> !r.markdown().isEmpty())
                .map(r -> new String[] {r.markdown(), r.reportJson()});
    }

    private ReviewRow current(PullRequestRef pr) {
        return store.get(pull(pr)).map(StoredReview::review).orElse(BLANK);
    }

    private static PullRef pull(PullRequestRef pr) {
        return new PullRef(pr.platform(), pr.repo(), pr.number());
    }
}
