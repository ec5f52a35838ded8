package dev.evalbot.app.cli;

import dev.evalbot.rules.check.ChangeReport;
import dev.evalbot.rules.check.Finding;
import dev.evalbot.rules.check.Severity;
import java.io.PrintWriter;

/**
 * GitHub Actions workflow commands ({@code ::error file=F,line=L,col=C,title=CODE::message}), so that
 * a contributor's own workflow run shows each finding on its line. Everything a file supplies is
 * escaped as the runner expects: {@code %}, CR and LF in the message; those and {@code :} and
 * {@code ,} in the properties. A file cannot inject a command of its own.
 */
final class WorkflowCommands {
    private WorkflowCommands() {}

    static void print(ChangeReport report, PrintWriter out) {
        for (Finding f : report.allFindings()) {
            out.println(command(f));
        }
        // A plain line, never a command: the runner prints it as it is.
        out.println("evalbot: " + report.count(Severity.ERROR) + " error(s), " + report.count(Severity.WARNING)
                + " warning(s), " + report.count(Severity.NOTICE) + " notice(s) — " + report.verdict().label());
    }

    static String command(Finding f) {
        StringBuilder s = new StringBuilder("::").append(level(f.severity())).append(' ');
        String file = f.file().replace('\\', '/');
        if (file.startsWith("./")) {
            file = file.substring(2);
        }
        if (!file.isBlank() && !file.startsWith("(")) { // "(change)" names no file
            s.append("file=").append(property(file)).append(',');
            if (f.line() > 0) {
                s.append("line=").append(f.line()).append(',');
                if (f.column() > 0) {
                    s.append("col=").append(f.column()).append(',');
                }
            }
        }
        s.append("title=").append(property(f.code()));
        String message = f.hint() == null ? f.message() : f.message() + "\nhint: " + f.hint();
        return s.append("::").append(data(message)).toString();
    }

    /** An error that belongs to no file (e.g. nothing to validate). */
    static String error(String title, String message) {
        return "::error title=" + property(title) + "::" + data(message);
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTICE -> "notice";
        };
    }

    /** The message part of a command. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
