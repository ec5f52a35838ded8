package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.app.review.Markdown;
import dev.evalbot.app.review.Review;
import dev.evalbot.app.review.ReviewRenderer;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.check.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The request bodies of the {@code evalbot} check run for one review: a create carrying the first
 * 50 annotations (GitHub's limit per request), then one update per further 50. Pure: no I/O.
 */
final class CheckRunPayloads {
    static final String NAME = "evalbot";
    static final int ANNOTATIONS_PER_REQUEST = 50;
    /** GitHub's limits: 64 KiB for an annotation message, 65,535 characters for the summary. */
    private static final int MAX_MESSAGE = 60_000;
    private static final int MAX_SUMMARY = 60_000;

    private final ObjectMapper json;

    CheckRunPayloads(ObjectMapper json) {
        this.json = json;
    }

    /** success when valid (or approved), neutral with warnings only, failure with errors. */
    static String conclusion(Review review) {
        Verdict v = review.verdict();
        if (v == Verdict.INVALID) {
            return "failure";
        }
        return v == Verdict.VALID_WITH_WARNINGS && !review.approved() ? "neutral" : "success";
    }

    /** One annotation per finding on a file of the change; change-wide findings are in the summary only. */
    List<ObjectNode> annotations(Review review) {
        List<ObjectNode> out = new ArrayList<>();
        for (Finding f : review.report().allFindings()) {
            if (f.file().isBlank() || f.file().startsWith("(")) {
                continue; // "(change)": no file of the diff to point at
            }
            ObjectNode a = json.createObjectNode();
            int line = Math.max(1, f.line()); // a file-level finding goes on the first line
            a.put("path", f.file());
            a.put("start_line", line);
            a.put("end_line", line);
            if (f.line() > 0 && f.column() > 0) {
                a.put("start_column", f.column());
                a.put("end_column", f.column());
            }
            a.put("annotation_level", level(f.severity()));
            a.put("title", f.code());
            String message = f.hint() == null ? f.message() : f.message() + "\nhint: " + f.hint();
            a.put("message", clip(message, MAX_MESSAGE));
            out.add(a);
        }
        return out;
    }

    static List<List<ObjectNode>> batches(List<ObjectNode> annotations) {
        List<List<ObjectNode>> out = new ArrayList<>();
        for (int from = 0; from < annotations.size(); from += ANNOTATIONS_PER_REQUEST) {
            out.add(annotations.subList(from, Math.min(annotations.size(), from + ANNOTATIONS_PER_REQUEST)));
        }
        if (out.isEmpty()) {
            out.add(List.of());
        }
        return out;
    }

    /** The create: completed at once, with the conclusion and the first batch. */
    ObjectNode create(String sha, Review review, List<ObjectNode> firstBatch, String detailsUrl) {
        ObjectNode body = json.createObjectNode();
        body.put("name", NAME);
        body.put("head_sha", sha);
        body.put("status", "completed");
        body.put("conclusion", conclusion(review));
        body.put("external_id", review.repo() + "#" + review.number());
        if (detailsUrl != null) {
            body.put("details_url", detailsUrl);
        }
        body.set("output", output(review, firstBatch));
        return body;
    }

    /**
     * A run that only says where the review stands: queued or in progress (left open), or completed
     * with a title and no annotations (nothing to review).
     */
    ObjectNode mark(String sha, String externalId, dev.evalbot.app.review.CommitState state, String description) {
        ObjectNode body = json.createObjectNode();
        body.put("name", NAME);
        body.put("head_sha", sha);
        switch (state) {
            case PENDING -> body.put("status", description.startsWith("queued") ? "queued" : "in_progress");
            case SUCCESS -> body.put("status", "completed").put("conclusion", "success");
            case FAILURE, ERROR -> body.put("status", "completed").put("conclusion", "failure");
        }
        body.put("external_id", externalId);
        ObjectNode output = body.putObject("output");
        output.put("title", clip(description, 200));
        output.put("summary", clip(description, MAX_SUMMARY));
        return body;
    }

    /** A follow-up: GitHub appends the annotations of every update to the run's. */
    ObjectNode update(Review review, List<ObjectNode> batch) {
        ObjectNode body = json.createObjectNode();
        body.set("output", output(review, batch));
        return body;
    }

    private ObjectNode output(Review review, List<ObjectNode> batch) {
        ObjectNode output = json.createObjectNode();
        output.put("title", ReviewRenderer.headline(review));
        output.put("summary", clip(summary(review), MAX_SUMMARY));
        ArrayNode annotations = output.putArray("annotations");
        batch.forEach(annotations::add);
        return output;
    }

    /** Counts, then the findings no line can show. Annotations are plain text; the summary is Markdown. */
    private static String summary(Review review) {
        StringBuilder s = new StringBuilder();
        s.append(review.report().count(Severity.ERROR)).append(" error(s), ")
                .append(review.report().count(Severity.WARNING)).append(" warning(s), ")
                .append(review.report().count(Severity.NOTICE)).append(" notice(s) in ")
                .append(review.report().files().size()).append(" file(s). ")
                .append("Each finding is shown on its line in the pull request's changed files; "
                        + "the review comment on the pull request has the details.");
        for (Finding f : review.report().changeFindings()) {
            s.append("\n\n- ").append(f.severity().label()).append(" `").append(f.code()).append("`: ")
                    .append(Markdown.text(f.message()));
        }
        return s.toString();
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "failure";
            case WARNING -> "warning";
            case NOTICE -> "notice";
        };
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
