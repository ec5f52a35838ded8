package dev.evalbot.app.commands;

import dev.evalbot.app.event.Comment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code /evalbot} commands in a comment. Pure: no I/O, no state beyond its settings.
 *
 * <p>A command is a line of plain paragraph text that starts with {@code /evalbot}. Lines that
 * only show a command rather than give it are skipped: fenced code blocks ({@code ```} or
 * {@code ~~~}), indented code blocks, inline code (which may span lines), quotes ({@code >}, with
 * their lazy continuation lines) and HTML comments (saved replies and templates hide text there).
 */
public final class CommandParser {
    public static final String PREFIX = "/evalbot";
    private static final Pattern COMMAND = Pattern.compile("(?i)^/evalbot(?:\\s+(\\S+)(?:\\s+(.*))?)?\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    private final String selfLogin;
    private final int maxCommands;
    private final int maxArgumentChars;

    /**
     * @param selfLogin the bot's own login, or null when unknown (then the platform's bot flag decides)
     * @param maxCommands commands run from one comment at most; the rest are ignored
     * @param maxArgumentChars longest argument kept (reasons are cut there)
     */
    public CommandParser(String selfLogin, int maxCommands, int maxArgumentChars) {
        this.selfLogin = selfLogin;
        this.maxCommands = maxCommands;
        this.maxArgumentChars = maxArgumentChars;
    }

    /**
     * The commands to run for this comment now: none from bots (evalbot included), and for an
     * edit only those the comment did not hold before, so that fixing a typo repeats nothing.
     */
    public List<CommandLine> toRun(Comment e) {
        if (e.actorIsBot() || e.commentAuthorIsBot() || isSelf(e.actor()) || isSelf(e.commentAuthor())) {
            return List.of();
        }
        List<CommandLine> now = parse(e.body());
        if (e.edited()) {
            Set<CommandLine> before = Set.copyOf(parse(e.previousBody()));
            now = now.stream().filter(c -> !before.contains(c)).toList();
        }
        return now.size() > maxCommands ? List.copyOf(now.subList(0, maxCommands)) : now;
    }

    private boolean isSelf(String login) {
        return selfLogin != null && login != null && selfLogin.equalsIgnoreCase(login);
    }

    /** Every distinct command in {@code body}, in order of appearance. */
    public List<CommandLine> parse(String body) {
        Set<CommandLine> found = new LinkedHashSet<>();
        for (String line : commandCandidates(body == null ? "" : body)) {
            Matcher m = COMMAND.matcher(line);
            if (m.matches()) {
                String word = m.group(1) == null ? "help" : m.group(1);
                String argument = m.group(2) == null ? "" : m.group(2).trim().replaceAll("\\s+", " ");
                if (argument.length() > maxArgumentChars) {
                    argument = argument.substring(0, maxArgumentChars);
                }
                found.add(new CommandLine(word, argument));
            }
        }
        return List.copyOf(found);
    }

    /** The lines of plain paragraph text (leading spaces removed) that start outside inline code. */
    static List<String> commandCandidates(String body) {
        List<String> out = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        String fence = null; // the opening fence while inside a fenced block
        boolean indentedCode = false;
        boolean quote = false;
        boolean htmlComment = false;
        for (String raw : body.split("\r\n|\r|\n", -1)) {
            if (fence != null) {
                if (closesFence(raw, fence)) {
                    fence = null;
                }
                continue;
            }
            if (htmlComment) {
                htmlComment = !raw.contains("-->");
                continue;
            }
            if (raw.isBlank()) {
                flush(paragraph, out);
                quote = false;
                continue;
            }
            int indent = indentColumns(raw);
            // Indented code cannot interrupt a paragraph, but once open it runs past blank lines.
            if (indent >= 4 && (indentedCode || (paragraph.isEmpty() && !quote))) {
                indentedCode = true;
                continue;
            }
            indentedCode = false;
            Matcher open = FENCE.matcher(raw);
            if (open.matches() && !(open.group(1).charAt(0) == '`' && open.group(2).contains("`"))) {
                flush(paragraph, out);
                quote = false;
                fence = open.group(1);
                continue;
            }
            String text = raw.strip();
            if (text.startsWith(">") || quote) {
                // A quote swallows the lines that follow it until a blank line (lazy continuation).
                flush(paragraph, out);
                quote = true;
                continue;
            }
            int comment = text.indexOf("<!--");
            if (comment >= 0 && !text.substring(comment + 4).contains("-->")) {
                htmlComment = true;
                if (comment == 0) {
                    continue;
                }
            }
            paragraph.add(text);
        }
        flush(paragraph, out);
        return out;
    }

    private static boolean closesFence(String line, String fence) {
        Matcher m = FENCE.matcher(line);
        return m.matches() && m.group(1).charAt(0) == fence.charAt(0) && m.group(1).length() >= fence.length()
                && m.group(2).isBlank();
    }

    private static int indentColumns(String line) {
        int columns = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                columns += 4 - columns % 4;
            } else {
                break;
            }
        }
        return columns;
    }

    /** Adds the paragraph's lines that do not start inside a code span, then empties it. */
    private static void flush(List<String> paragraph, List<String> out) {
        if (paragraph.isEmpty()) {
            return;
        }
        String joined = String.join("\n", paragraph);
        boolean[] inCode = codeSpans(joined);
        int offset = 0;
        for (String line : paragraph) {
            if (!inCode[offset]) {
                out.add(line);
            }
            offset += line.length() + 1;
        }
        paragraph.clear();
    }

    /** Marks the characters inside inline code: a run of n backticks up to the next run of exactly n. */
    private static boolean[] codeSpans(String s) {
        boolean[] marks = new boolean[s.length() + 1];
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i += 2; // an escaped backtick opens nothing
                continue;
            }
            if (c != '`') {
                i++;
                continue;
            }
            int run = runLength(s, i);
            int close = findRun(s, i + run, run);
            if (close < 0) {
                i += run; // no matching run: the backticks are literal
                continue;
            }
            for (int k = i; k < close + run; k++) {
                marks[k] = true;
            }
            i = close + run;
        }
        return marks;
    }

    private static int runLength(String s, int from) {
        int end = from;
        while (end < s.length() && s.charAt(end) == '`') {
            end++;
        }
        return end - from;
    }

    private static int findRun(String s, int from, int length) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '`') {
                int run = runLength(s, i);
                if (run == length) {
                    return i;
                }
                i += run;
            } else {
                i++;
            }
        }
        return -1;
    }
}
