package dev.evalbot.app.board;

import dev.evalbot.rules.check.rules.SourceRule;

/**
 * Escaping for text that came from a pull request. Everything such text reaches goes through
 * {@link #text}; attribute values are always double-quoted and escaped the same way.
 */
final class Html {
    private Html() {}

    /**
     * Escapes the five characters that matter in text and quoted attributes, and replaces control
     * characters (NUL included) with U+FFFD so that nothing invisible reaches the page.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f ? "\uFFFD" : null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * A link when {@code url} is an absolute https URL, otherwise plain text: a PR cannot plant a
     * {@code javascript:} or {@code http:} link. Links are marked user-generated and open nothing
     * with our referrer or window handle.
     */
    static String link(String url, String label) {
        String shown = label == null || label.isBlank() ? url : label;
        if (url != null && SourceRule.isAbsoluteHttps(url)) {
            return "<a href=\"" + text(url.trim()) + "\" rel=\"nofollow ugc noopener noreferrer\"><bdi>"
                    + text(shown) + "</bdi></a>";
        }
        if (shown == null) {
            return "";
        }
        return "<span class=\"unlinked\" title=\"not an https link\"><bdi>" + text(shown) + "</bdi></span>";
    }
}
