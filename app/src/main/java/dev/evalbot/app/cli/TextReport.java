package dev.evalbot.app.cli;

import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.Severity;
import java.io.PrintWriter;

/** Compiler-style output: {@code FILE:LINE:COL: error[code]: message}, then the hint. */
final class TextReport {
    private TextReport() {}

    static void print(ChangeReport report, PrintWriter out) {
        for (Finding f : report.allFindings()) {
            out.print(f.file());
            if (f.line() > 0) {
                out.print(":" + f.line() + ":" + f.column());
            }
            out.println(": " + f.severity().label() + "[" + f.code() + "]: " + clean(f.message()));
            if (f.hint() != null) {
                out.println("  = hint: " + clean(f.hint()));
            }
        }
        long entries = report.files().stream().mapToLong(f -> f.entries().size()).sum();
        out.println(report.files().size() + " file" + (report.files().size() == 1 ? "" : "s") + ", " + entries
                + " entr" + (entries == 1 ? "y" : "ies") + ": " + report.count(Severity.ERROR) + " error(s), "
                + report.count(Severity.WARNING) + " warning(s), " + report.count(Severity.NOTICE) + " notice(s) — "
                + report.verdict().label());
    }

    /** Terminal escape sequences from a file must not reach the user's terminal. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
