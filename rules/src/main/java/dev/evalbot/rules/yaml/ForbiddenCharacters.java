package dev.evalbot.rules.yaml;

import java.util.Locale;
import java.util.Optional;

/**
 * The first character YAML does not allow in a document (C0 and C1 controls other than tab, line
 * feeds and NEL, DEL, U+FFFE/U+FFFF), found before parsing so that the finding says which one and
 * where; the parser's own message ("special characters are not allowed") names neither. A NUL
 * means a binary file, or one saved as UTF-16.
 */
final class ForbiddenCharacters {
    private ForbiddenCharacters() {}

    static Optional<YamlRefusal> find(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (forbidden(c)) {
                return Optional.of(refusal(c, new Position(line, column)));
            }
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static boolean forbidden(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F
                || (c >= 0x80 && c <= 0x9F && c != 0x85) || c == 0xFFFE || c == 0xFFFF;
    }

    private static YamlRefusal refusal(int c, Position at) {
        String name = String.format(Locale.ROOT, "U+%04X", c) + (c == 0 ? " (NUL)" : "");
        String message = "the file holds the control character " + name + " at line " + at.line() + ", column "
                + at.column() + ", which YAML does not allow";
        String hint = c == 0
                ? "a results file is UTF-8 text: this one looks binary, or saved as UTF-16; save it as UTF-8 text"
                : "delete the character, or write it as an escape (e.g. \"\\t\") inside a double-quoted string";
        return new YamlRefusal("yaml-syntax", message, at, hint);
    }
}
