package dev.evalbot.app.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.FileReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.model.ResultEntry;
import java.util.List;
import java.util.Locale;

/**
 * The stable JSON form of a review (schemaVersion 1), documented in the README. Used by
 * {@code evalbot validate --format json}, {@code evalbot review --format json} and the server's
 * {@code GET /reviews/...}. Fields are only ever added, never renamed.
 */
public final class ReportJson {
    public static final int SCHEMA_VERSION = 1;
    private final ObjectMapper mapper;

    public ReportJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode change(ChangeReport report, Review review) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        if (review != null) {
            root.put("repo", review.repo());
            root.put("number", review.number());
            root.put("headSha", review.headSha());
        }
        root.put("verdict", report.verdict().name().toLowerCase(Locale.ROOT));
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.files().size());
        summary.put("entries", report.files().stream().mapToInt(f -> f.entries().size()).sum());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("notices", report.count(Severity.NOTICE));
        ArrayNode files = root.putArray("files");
        for (FileReport f : report.files()) {
            files.add(file(f, review));
        }
        findings(root.putArray("changeFindings"), report.changeFindings());
        return root;
    }

    private ObjectNode file(FileReport f, Review review) {
        ObjectNode node = mapper.createObjectNode();
        node.put("path", f.path());
        node.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        node.put("verdict", f.verdict().name().toLowerCase(Locale.ROOT));
        ArrayNode entries = node.putArray("entries");
        for (ResultEntry e : f.entries()) {
            ObjectNode en = entries.addObject();
            en.put("index", e.index());
            en.put("line", e.line());
            en.put("datasetId", e.datasetId());
            // The task as resolved, else as the entry wrote it: an unknown task_id is what a reader
            // of the findings needs to see (its unknown-task finding says why it did not resolve).
            en.put("taskId", e.taskId() != null ? e.taskId() : e.dataset() == null ? null : e.dataset().taskId());
            if (e.value() == null) {
                en.putNull("value");
            } else {
                en.put("value", e.value());
            }
            en.put("date", e.date());
            en.put("notes", e.notes());
            en.put("sourceUrl", e.source() == null ? null : e.source().url());
            en.put("hasVerifyToken", e.verifyToken() != null);
            en.put("verdict", dev.evalbot.rules.check.Verdict.of(f.findingsFor(e.index())).name()
                    .toLowerCase(Locale.ROOT));
            EntryStatus s = review == null ? null : review.status(f.path(), e.index());
            if (s != null) {
                en.put("tier", s.tier());
                en.put("tierReason", s.tierReason());
                en.put("token", s.token());
                en.put("source", s.source());
                en.put("log", s.log());
                en.put("logChecked", s.logChecked());
            }
        }
        f.benchmark().ifPresent(b -> {
            ObjectNode bn = node.putObject("benchmark");
            bn.put("id", b.id());
            bn.put("name", b.name());
            bn.put("framework", b.framework());
            ArrayNode tasks = bn.putArray("tasks");
            b.taskIds().forEach(tasks::add);
        });
        findings(node.putArray("findings"), f.findings());
        return node;
    }

    private static void findings(ArrayNode out, List<Finding> findings) {
        for (Finding f : findings) {
            ObjectNode fn = out.addObject();
            fn.put("code", f.code());
            fn.put("severity", f.severity().label());
            fn.put("file", f.file());
            fn.put("line", f.line());
            fn.put("column", f.column());
            fn.put("entry", f.entry());
            fn.put("message", f.message());
            fn.put("hint", f.hint());
        }
    }
}
