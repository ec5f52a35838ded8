package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.model.Source;
import dev.evalbot.rules.yaml.YamlNumbers;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes entries as the Hub's official client does ({@code eval_result_entries_to_yaml} dumped by
 * PyYAML): block style, keys sorted, 2-space indent, a string quoted only when it would otherwise
 * read as something else.
 */
public final class EvalResultsYaml {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?");
    private static final Pattern SPECIAL = Pattern.compile(
            "(?i)(y|n|yes|no|true|false|on|off|null|~|\\.inf|[-+]\\.inf|\\.nan)");
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    private EvalResultsYaml() {}

    public static String write(List<ImportedEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (ImportedEntry e : entries) {
            // Keys in PyYAML's sorted order: dataset, notes, source, value, verifyToken.
            out.append("- dataset:\n");
            out.append("    id: ").append(scalar(e.datasetId())).append('\n');
            if (e.revision() != null) {
                out.append("    revision: ").append(scalar(e.revision())).append('\n');
            }
            out.append("    task_id: ").append(scalar(e.taskId())).append('\n');
            if (e.notes() != null) {
                out.append("  notes: ").append(scalar(e.notes())).append('\n');
            }
            Source s = e.source();
            if (s != null && s.url() != null) {
                out.append("  source:\n");
                field(out, "name", s.name());
                field(out, "org", s.org());
                field(out, "url", s.url());
                field(out, "user", s.user());
            }
            out.append("  value: ").append(e.value()).append('\n');
            if (e.verifyToken() != null) {
                out.append("  verifyToken: ").append(scalar(e.verifyToken())).append('\n');
            }
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String key, String value) {
        if (value != null) {
            out.append("    ").append(key).append(": ").append(scalar(value)).append('\n');
        }
    }

    /** A string as a YAML scalar: plain when that reads back as the same string, else quoted. */
    public static String scalar(String s) {
        if (needsDoubleQuotes(s)) {
            return doubleQuoted(s);
        }
        return plainIsSafe(s) ? s : "'" + s.replace("'", "''") + "'";
    }

    private static boolean plainIsSafe(String s) {
        if (s.isEmpty() || !s.strip().equals(s) || INDICATORS.indexOf(s.charAt(0)) >= 0) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
            return false;
        }
        return !SPECIAL.matcher(s).matches() && !TIMESTAMP.matcher(s).matches()
                && YamlNumbers.parse(s).isEmpty() && !s.toLowerCase(Locale.ROOT).matches("[-+]?[0-9][0-9_.,:]*");
    }

    private static boolean needsDoubleQuotes(String s) {
        return s.codePoints().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || c == 0xFEFF);
    }

    private static String doubleQuoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        out.append(String.format("\\x%02X", c));
                    } else if (c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        out.append(String.format("\\u%04X", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
