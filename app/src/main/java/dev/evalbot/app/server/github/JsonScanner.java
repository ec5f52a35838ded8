package dev.evalbot.app.server.github;

import java.io.IOException;

/**
 * A validating scan over the bytes of one JSON document that builds nothing: it steps over values
 * and hands back where the wanted ones are. The webhook route uses it to find the few fields it
 * reads in a 10-30 KiB payload; Jackson's tokenizer decoded and canonicalised every field name and
 * number on the way, and its big parser methods were a third of what the JIT compiled in a fresh
 * server's first seconds.
 *
 * <p>It refuses everything Jackson's default {@code readTree} refuses (the route answers 400 for
 * those), and is stricter in a few places no real payload reaches: nesting deeper than
 * {@value #MAX_DEPTH}, malformed or overlong UTF-8, numbers over {@value #MAX_NUMBER} characters,
 * names over {@value #MAX_NAME} bytes, strings over {@value #MAX_STRING} bytes.
 */
final class JsonScanner {
    static final int MAX_DEPTH = 512;
    /** Jackson's own limits (StreamReadConstraints defaults), in bytes rather than characters. */
    static final int MAX_NUMBER = 1000;
    static final int MAX_NAME = 50_000;
    static final int MAX_STRING = 20_000_000;

    /** Bytes a string cannot hold as they are: the quote, the backslash, control characters, non-ASCII. */
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            SPECIAL[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
        }
    }

    private final byte[] b;
    private final int end;
    private int i;
    /** The kind of each container open in {@link #skipValue}: '{' or '['. */
    private byte[] open = new byte[32];
    /** Whether the last string scanned held an escape (its bytes are not its text). */
    private boolean escaped;

    JsonScanner(byte[] body) {
        this.b = body;
        this.end = body.length;
    }

    int position() {
        return i;
    }

    boolean lastStringEscaped() {
        return escaped;
    }

    /** Skips white space; the next byte, or -1 at the end. */
    int peek() throws IOException {
        while (i < end) {
            byte c = b[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
            } else {
                return c & 0xFF;
            }
        }
        return -1;
    }

    void expect(char c) throws IOException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    /**
     * After a name's opening quote was peeked: scans the name and its colon and returns where the
     * name's bytes start (they end at {@link #nameEnd}).
     */
    int name() throws IOException {
        int start = ++i;
        string(MAX_NAME);
        nameEnd = i - 1;
        expect(':');
        return start;
    }

    /** Where the name last scanned ends (its closing quote). */
    int nameEnd;

    /**
     * In an object, after a member: true when another member follows (its name's quote is next),
     * false at the closing brace, which is consumed.
     */
    boolean nextMember() throws IOException {
        int c = peek();
        if (c == ',') {
            i++;
            if (peek() != '"') {
                throw error("expected a field name");
            }
            return true;
        }
        if (c == '}') {
            i++;
            return false;
        }
        throw error("expected ',' or '}'");
    }

    /** After an object's opening brace: true when a member follows, false (brace consumed) when empty. */
    boolean firstMember() throws IOException {
        int c = peek();
        if (c == '"') {
            return true;
        }
        if (c == '}') {
            i++;
            return false;
        }
        throw error("expected a field name or '}'");
    }

    /** Steps over one value of any kind, validating it, without recursion. */
    void skipValue() throws IOException {
        int depth = 0;
        while (true) {
            int c = peek();
            switch (c) {
                case '{', '[' -> {
                    if (depth == open.length) {
                        if (depth == MAX_DEPTH) {
                            throw error("nested deeper than " + MAX_DEPTH);
                        }
                        open = java.util.Arrays.copyOf(open, Math.min(MAX_DEPTH, depth * 2));
                    }
                    i++;
                    open[depth++] = (byte) c;
                    int next = peek();
                    if (next == (c == '{' ? '}' : ']')) {
                        i++;
                        depth--;
                    } else {
                        if (c == '{') {
                            if (next != '"') {
                                throw error("expected a field name");
                            }
                            name();
                        }
                        continue; // the first element's value
                    }
                }
                case '"' -> {
                    i++;
                    string(MAX_STRING);
                }
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                case -1 -> throw error("unexpected end of input");
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        number();
                    } else {
                        throw error("unexpected character");
                    }
                }
            }
            // A value ended: close containers until one has another element.
            while (true) {
                if (depth == 0) {
                    return;
                }
                int n = peek();
                boolean object = open[depth - 1] == '{';
                if (n == ',') {
                    i++;
                    if (object) {
                        if (peek() != '"') {
                            throw error("expected a field name");
                        }
                        name();
                    }
                    break;
                }
                if (n == (object ? '}' : ']')) {
                    i++;
                    depth--;
                    continue;
                }
                throw error(object ? "expected ',' or '}'" : "expected ',' or ']'");
            }
        }
    }

    /** After the opening quote: up to and past the closing quote. */
    private void string(int max) throws IOException {
        int start = i;
        escaped = false;
        while (true) {
            // Most bytes of a payload are plain ASCII inside strings: one table look-up each.
            while (i < end && !SPECIAL[b[i] & 0xFF]) {
                i++;
            }
            if (i >= end) {
                throw error("unterminated string");
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                i++;
                if (i - 1 - start > max) {
                    throw error("string longer than " + max + " bytes");
                }
                return;
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c == '\\') {
                escaped = true;
                escape();
            } else if (c >= 0x80) {
                utf8(c);
            } else {
                i++;
            }
        }
    }

    private void escape() throws IOException {
        if (i + 1 >= end) {
            throw error("unterminated string");
        }
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
            case 'u' -> {
                if (i + 6 > end) {
                    throw error("unterminated string");
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(b[k], 16) < 0) {
                        throw error("bad \\u escape");
                    }
                }
                i += 6;
            }
            default -> throw error("bad escape");
        }
    }

    /** One well-formed UTF-8 sequence starting with {@code lead}; no overlong forms, no surrogates. */
    private void utf8(int lead) throws IOException {
        int more;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            if (lead == 0xE0) {
                min = 0xA0;
            } else if (lead == 0xED) {
                max = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            if (lead == 0xF0) {
                min = 0x90;
            } else if (lead == 0xF4) {
                max = 0x8F;
            }
        } else {
            throw error("invalid UTF-8");
        }
        if (i + more >= end) {
            throw error("invalid UTF-8");
        }
        for (int k = 1; k <= more; k++) {
            int c = b[i + k] & 0xFF;
            if (k == 1 ? (c < min || c > max) : (c < 0x80 || c > 0xBF)) {
                throw error("invalid UTF-8");
            }
        }
        i += more + 1;
    }

    private void literal(String word) throws IOException {
        int n = word.length();
        if (i + n > end) {
            throw error("unexpected end of input");
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                throw error("unexpected character");
            }
        }
        i += n;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, as JSON and Jackson's defaults have it. */
    private void number() throws IOException {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (i < end && b[i] == '0') {
            i++;
        } else if (digits() == 0) {
            throw error("bad number");
        }
        if (i < end && b[i] == '.') {
            i++;
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (i - start > MAX_NUMBER) {
            throw error("number longer than " + MAX_NUMBER + " characters");
        }
    }

    private int digits() {
        int start = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - start;
    }

    private IOException error(String what) {
        return new IOException("malformed JSON at byte " + i + ": " + what);
    }
}
