package dev.evalbot.app.commands;

import dev.evalbot.app.review.Markdown;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Phrases the commands that changed something as the short history the review comment shows,
 * e.g. {@code 2026-11-25 16:40 UTC · @alice approved: looks right}. Refused and failed commands
 * and help are left out: strangers must not be able to write into the bot's comment. Everything
 * a person typed is escaped, and the login cannot mention anyone (the comment is edited often).
 */
public final class AuditHistory {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_REASON = 200;

    private AuditHistory() {}

    /** The lines for {@code entries} (any order), newest last. */
    public static List<String> lines(List<AuditEntry> entries) {
        return entries.stream().filter(AuditHistory::shown).sorted(Comparator.comparing(AuditEntry::at))
                .map(AuditHistory::line).toList();
    }

    /** The newest {@code max} lines, newest last. */
    public static List<String> lines(List<AuditEntry> entries, int max) {
        List<String> all = lines(entries);
        return all.subList(Math.max(0, all.size() - max), all.size());
    }

    static boolean shown(AuditEntry e) {
        return AuditEntry.DONE.equals(e.outcome()) && !"help".equals(e.command());
    }

    static String line(AuditEntry e) {
        return TIME.format(e.at()) + " · " + Markdown.text("@" + e.actor()) + " " + what(e);
    }

    private static String what(AuditEntry e) {
        String args = e.args();
        return switch (e.command()) {
            case "approve" -> "approved" + reason(args);
            case "reject" -> "rejected" + reason(args);
            case "hide" -> "hid the results from the leaderboards" + reason(args);
            case "unhide" -> "put the results back on the leaderboards" + reason(args);
            case "recheck" -> "asked for a fresh review";
            case "refresh" -> "refreshed the leaderboards";
            case "label" -> label(args);
            default -> "ran " + Markdown.code(e.command());
        };
    }

    private static String label(String args) {
        String[] parts = args.split(" ", 2);
        String name = parts.length > 1 ? parts[1] : "";
        return ("remove".equalsIgnoreCase(parts[0]) ? "removed the label " : "added the label ") + Markdown.code(name);
    }

    private static String reason(String args) {
        if (args == null || args.isBlank()) {
            return "";
        }
        String r = args.length() > MAX_REASON ? args.substring(0, MAX_REASON - 1) + "…" : args;
        return ": " + Markdown.text(r);
    }
}
