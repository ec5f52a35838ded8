package dev.evalbot.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The latest review per pull request: lets an unchanged review skip every API write. */
public final class ReviewStore {
    private static final TypeReference<List<String>> LABELS = new TypeReference<>() { };

    private final Database db;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ReviewStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<StoredReview> get(PullRef pull) {
        return db.read("read the review of " + pull.subject(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT head_sha, verdict, markdown, report_json,"
                    + " comment_id, comment_hash, labels, updated_at, inputs FROM reviews"
                    + " WHERE platform = ? AND repo = ? AND number = ?")) {
                Rows.setPull(ps, 1, pull);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<StoredReview>empty();
                    }
                    ReviewRow review = new ReviewRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), labels(rs.getString(7)), rs.getString(9));
                    return Optional.of(new StoredReview(pull, review, Instant.ofEpochMilli(rs.getLong(8))));
                }
            }
        });
    }

    /** Replaces the pull request's review. */
    public StoredReview put(PullRef pull, ReviewRow review) {
        Instant now = clock.instant();
        String labels = labelsJson(review.labels());
        db.write("store the review of " + pull.subject(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reviews (platform, repo, number, head_sha,"
                    + " verdict, markdown, report_json, comment_id, comment_hash, labels, updated_at, inputs)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, repo, number) DO UPDATE SET"
                    + " head_sha = excluded.head_sha, verdict = excluded.verdict, markdown = excluded.markdown,"
                    + " report_json = excluded.report_json, comment_id = excluded.comment_id,"
                    + " comment_hash = excluded.comment_hash, labels = excluded.labels,"
                    + " updated_at = excluded.updated_at, inputs = excluded.inputs")) {
                Rows.setPull(ps, 1, pull);
                ps.setString(4, review.headSha());
                ps.setString(5, review.verdict());
                ps.setString(6, review.markdown());
                ps.setString(7, review.reportJson());
                Rows.setNullable(ps, 8, review.commentId());
                Rows.setNullable(ps, 9, review.commentHash());
                ps.setString(10, labels);
                ps.setLong(11, now.toEpochMilli());
                Rows.setNullable(ps, 12, review.inputs());
                return ps.executeUpdate();
            }
        });
        return new StoredReview(pull, review, now);
    }

    private String labelsJson(List<String> labels) {
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private List<String> labels(String text) throws SQLException {
        try {
            return json.readValue(text, LABELS);
        } catch (JsonProcessingException e) {
            throw new SQLException("reviews.labels is not a JSON list of strings: " + text, e);
        }
    }
}
