package dev.evalbot.app.cli.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes {@code .eval_results} entries as YAML. Strings are JSON-quoted (a JSON string is a YAML
 * double-quoted scalar), so nothing from a log can change the document's structure; comments
 * carry the provenance and the {@code source} the user should add.
 */
final class ResultsYaml {
    /** One entry, and where it came from (a comment above it). */
    record Entry(String datasetId, String taskId, BigDecimal value, String date, String notes, String origin) {}

    private final ObjectMapper json;

    ResultsYaml(ObjectMapper json) {
        this.json = json;
    }

    String write(List<Entry> entries) {
        StringBuilder y = new StringBuilder();
        for (Entry e : entries) {
            y.append("# ").append(comment(e.origin())).append('\n');
            y.append("- dataset:\n");
            y.append("    id: ").append(quote(e.datasetId())).append('\n');
            y.append("    task_id: ").append(quote(e.taskId())).append('\n');
            y.append("  value: ").append(e.value().toPlainString()).append('\n');
            if (e.date() != null) {
                y.append("  date: ").append(quote(e.date())).append('\n');
            }
            if (e.notes() != null && !e.notes().isBlank()) {
                y.append("  notes: ").append(quote(e.notes())).append('\n');
            }
            y.append("  # source:  # add where others can check this run: an https link to the log, its traces or a paper\n");
            y.append("  #   url: https://\n");
        }
        return y.toString();
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    /** A comment is one line: line breaks and other control characters from a log or path become spaces. */
    private static String comment(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return b.toString();
    }
}
