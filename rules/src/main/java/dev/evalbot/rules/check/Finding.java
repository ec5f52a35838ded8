package dev.evalbot.rules.check;

import java.util.Objects;

/**
 * One thing the review has to say about a file.
 *
 * @param code stable identifier, e.g. {@code unknown-task}; documented in the README's rules table
 * @param file path as the author sees it in the change
 * @param line 1-based; 0 when the finding concerns the whole file
 * @param column 1-based; 0 when unknown
 * @param entry 1-based index of the results entry concerned; 0 for file-level findings
 * @param message one sentence a newcomer understands
 * @param hint what to do about it, or null
 */
public record Finding(String code, Severity severity, String file, int line, int column, int entry,
        String message, String hint) {
    public Finding {
        Objects.requireNonNull(code);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(file);
        Objects.requireNonNull(message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Finding withSeverity(Severity s) {
        return new Finding(code, s, file, line, column, entry, message, hint);
    }
}
