package dev.evalbot.app.review;

/**
 * Escaping for text that comes from a pull request and goes into a GitHub or Hub comment.
 * The output renders as the literal input: no HTML, no links, no mentions, no table breaks,
 * and no way to close the hidden marker or a {@code <details>} block.
 */
public final class Markdown {
    private Markdown() {}

    /** Escapes for inline text, table cells included; newlines become spaces. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '|' -> out.append("&#124;");
                case '@' -> out.append("&#64;"); // no mentions: a PR must not page people through the bot
                case '\n', '\r', '\t' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '~', '{', '}', '+', '-', '.' -> {
                    out.append('\\').append(c);
                }
                default -> {
                    if (Character.isISOControl(c) || c == '\u202E' || c == '\u202D') {
                        out.append(' '); // control and bidi-override characters could disguise text
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Inline code for text from a PR: HTML {@code <code>} so that backticks in it cannot break out. */
    public static String code(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append("<code>");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '|' -> out.append("&#124;");
                case '@' -> out.append("&#64;");
                case '`' -> out.append("&#96;");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.append("</code>").toString();
    }

    /** A link whose target is only used when it is a plain https URL; otherwise just the label. */
    public static String link(String label, String url) {
        if (url == null || !url.startsWith("https://") || url.chars().anyMatch(c -> c <= ' ' || c == ')' || c == '(')
                || url.contains("<") || url.contains(">") || url.contains("\"")) {
            return label;
        }
        return "[" + label + "](" + url + ")";
    }
}
