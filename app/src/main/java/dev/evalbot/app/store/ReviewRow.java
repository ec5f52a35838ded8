package dev.evalbot.app.store;

import java.util.List;
import java.util.Objects;

/**
 * One row of the reviews table: what evalbot last said on a pull request (the review itself is
 * {@code review.Review}).
 *
 * @param verdict e.g. {@code VALID}, {@code VALID_WITH_WARNINGS}, {@code INVALID}
 * @param markdown the rendered comment body
 * @param reportJson the machine-readable report
 * @param commentId the platform's id of evalbot's comment, or null before it is posted
 * @param commentHash hash of the comment body last posted, or null: equal hash, no API write
 * @param labels labels evalbot applied (GitHub; empty on the Hub)
 * @param inputs what the finished review of {@code headSha} depended on, or null: nothing to trust
 */
public record ReviewRow(String headSha, String verdict, String markdown, String reportJson, String commentId,
        String commentHash, List<String> labels, String inputs) {
    public ReviewRow {
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(reportJson, "reportJson");
        labels = List.copyOf(labels);
    }

    public ReviewRow(String headSha, String verdict, String markdown, String reportJson, String commentId,
            String commentHash, List<String> labels) {
        this(headSha, verdict, markdown, reportJson, commentId, commentHash, labels, null);
    }
}
