package dev.evalbot.app.review;

import dev.evalbot.app.platform.PullRequestRef;
import dev.evalbot.app.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link ReviewLog} on the {@code reviews} table. "Create pending" is kept as a NULL comment id
 * with the hash {@code pending}: the row exists before the platform call, so a crash between the
 * call and the next write leaves a trace that makes the next run look before it creates.
 */
public final class StoreReviewLog implements ReviewLog {
    private static final String PENDING = "pending";
    private static final String UPSERT = "INSERT INTO reviews (platform, repo, number, head_sha, verdict, markdown,"
            + " report_json, comment_id, comment_hash, labels, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (platform, repo, number) DO UPDATE SET ";

    private final Database db;
    private final Clock clock;

    public StoreReviewLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public ReviewState state(PullRequestRef pr) {
        return db.read("read review state", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT comment_id, comment_hash, head_sha, verdict, labels"
                    + " FROM reviews WHERE platform = ? AND repo = ? AND number = ?")) {
                bindKey(s, pr);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return ReviewState.NONE;
                    }
                    String hash = rs.getString(2);
                    boolean pending = PENDING.equals(hash);
                    return new ReviewState(rs.getString(1), pending, pending ? null : hash, rs.getString(3),
                            rs.getString(4), labels(rs.getString(5)));
                }
            }
        });
    }

    @Override
    public void saveState(PullRequestRef pr, ReviewState state) {
        db.write("save review state", c -> {
            try (PreparedStatement s = c.prepareStatement(UPSERT + "comment_id = excluded.comment_id,"
                    + " comment_hash = excluded.comment_hash, labels = excluded.labels, head_sha = excluded.head_sha,"
                    + " updated_at = excluded.updated_at")) {
                bindKey(s, pr);
                s.setString(4, state.headSha() != null ? state.headSha() : String.valueOf(pr.headSha()));
                s.setString(5, state.verdict() != null ? state.verdict() : "PENDING");
                s.setString(6, "");
                s.setString(7, "{}");
                s.setString(8, state.commentId());
                s.setString(9, state.commentPending() ? PENDING : state.bodyHash());
                s.setString(10, String.join(",", new TreeSet<>(state.labels())));
                s.setLong(11, clock.millis());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void saveReview(PullRequestRef pr, Review review, String markdown, String json) {
        db.write("save review", c -> {
            try (PreparedStatement s = c.prepareStatement(UPSERT + "head_sha = excluded.head_sha,"
                    + " verdict = excluded.verdict, markdown = excluded.markdown, report_json = excluded.report_json,"
                    + " updated_at = excluded.updated_at")) {
                bindKey(s, pr);
                s.setString(4, String.valueOf(pr.headSha()));
                s.setString(5, review.verdict().name());
                s.setString(6, markdown);
                s.setString(7, json);
                s.setString(8, null);
                s.setString(9, null);
                s.setString(10, "");
                s.setLong(11, clock.millis());
                return s.executeUpdate();
            }
        });
    }

    /** The latest review's Markdown and JSON, for {@code GET /reviews/...}. */
    public Optional<String[]> latest(String platform, String repo, int number) {
        return db.read("read review", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT markdown, report_json FROM reviews"
                    + " WHERE platform = ? AND repo = ? AND number = ? AND markdown <> ''")) {
                s.setString(1, platform);
                s.setString(2, repo);
                s.setInt(3, number);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
                }
            }
        });
    }

    private static void bindKey(PreparedStatement s, PullRequestRef pr) throws java.sql.SQLException {
        s.setString(1, pr.platform());
        s.setString(2, pr.repo());
        s.setInt(3, pr.number());
    }

    private static Set<String> labels(String joined) {
        if (joined == null || joined.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(joined.split(",")).filter(l -> !l.isBlank()).collect(Collectors.toUnmodifiableSet());
    }
}
