package dev.evalbot.app.server.github;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads only the parts of a GitHub payload that the webhook route needs ({@link GitHubEvent} and
 * the slash-command check) into a small tree, skipping the rest without building it. A
 * pull_request payload is 10-30 KiB of which a few hundred bytes are used; a full
 * {@link ObjectMapper#readTree} was half of the route's CPU time.
 *
 * <p>The result answers every {@link JsonNode#path} that {@link GitHubEvent#parse} and the route ask
 * exactly as the full tree would. The skipped parts are stepped over by {@link JsonScanner}, which
 * refuses all the malformed JSON that {@code readTree} refuses (and a little more that no real
 * payload holds); the wanted values are read by Jackson from their own bytes. Content after the
 * first value is ignored, as {@code readTree} does.
 */
final class PayloadFields {
    /** A field kept whole. */
    private static final Object ALL = new Object();

    /** The fields read, as nested maps; {@link #ALL} keeps the value whole. */
    private static final Map<String, Object> WANTED = Map.of(
            "action", ALL,
            "number", ALL,
            "repository", Map.of("full_name", ALL),
            "installation", Map.of("id", ALL),
            "sender", Map.of("login", ALL, "type", ALL),
            "changes", Map.of("base", ALL),
            "comment", Map.of("body", ALL),
            "pull_request", Map.of("number", ALL, "head", Map.of("sha", ALL), "base", Map.of("sha", ALL, "ref", ALL),
                    "user", Map.of("login", ALL), "labels", ALL, "merged", ALL),
            "issue", Map.of("number", ALL, "user", Map.of("login", ALL), "labels", ALL, "pull_request", ALL));

    private static final Wanted ROOT = compile(WANTED);
    private static final Wanted NONE = compile(Map.of());

    /** One wanted object: its fields' names as bytes, and for each its nested wants or null for the whole value. */
    private record Wanted(byte[][] names, String[] texts, Wanted[] nested) {
        /** The index of the field whose name is b[from, to), or -1. */
        int find(byte[] b, int from, int to) {
            for (int k = 0; k < names.length; k++) {
                if (java.util.Arrays.equals(b, from, to, names[k], 0, names[k].length)) {
                    return k;
                }
            }
            return -1;
        }

        int find(String name) {
            for (int k = 0; k < texts.length; k++) {
                if (texts[k].equals(name)) {
                    return k;
                }
            }
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static Wanted compile(Map<String, Object> spec) {
        int n = spec.size();
        byte[][] names = new byte[n][];
        String[] texts = new String[n];
        Wanted[] nested = new Wanted[n];
        int k = 0;
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            texts[k] = e.getKey();
            names[k] = e.getKey().getBytes(StandardCharsets.UTF_8);
            nested[k] = e.getValue() instanceof Map<?, ?> m ? compile((Map<String, Object>) m) : null;
            k++;
        }
        return new Wanted(names, texts, nested);
    }

    private PayloadFields() {}

    /** Whether the route reads any field of this event's payload; for the others it only checks it is JSON. */
    static boolean used(String event) {
        return event.equals("pull_request") || event.equals("issue_comment");
    }

    /**
     * The wanted fields of the body's root object; the whole value when the root is not an object;
     * null for an empty body.
     *
     * @throws IOException when the body is not JSON
     */
    static JsonNode read(ObjectMapper json, byte[] body) throws IOException {
        return read(json, body, ROOT);
    }

    /**
     * Checks the body as {@link #read} does and reads none of its fields: an empty object node for
     * a JSON object, the value itself when the root is not an object, null for an empty body.
     */
    static JsonNode check(ObjectMapper json, byte[] body) throws IOException {
        return read(json, body, NONE);
    }

    private static JsonNode read(ObjectMapper json, byte[] body, Wanted wanted) throws IOException {
        JsonScanner scan = new JsonScanner(body);
        int first = scan.peek();
        if (first != '{') {
            // Not an object (or a byte-order mark, or another encoding Jackson detects): rare, and
            // whatever Jackson makes of it is the answer.
            try (JsonParser p = json.createParser(body)) {
                return p.nextToken() == null ? null : p.readValueAsTree();
            }
        }
        return object(json, scan, body, wanted);
    }

    /** At an object's opening brace: its wanted fields, the rest stepped over. */
    private static ObjectNode object(ObjectMapper json, JsonScanner scan, byte[] body, Wanted wanted)
            throws IOException {
        scan.expect('{');
        ObjectNode node = json.createObjectNode();
        for (boolean more = scan.firstMember(); more; more = scan.nextMember()) {
            int from = scan.name();
            int k = scan.lastStringEscaped()
                    ? wanted.find(json.readValue(body, from - 1, scan.nameEnd - from + 2, String.class))
                    : wanted.find(body, from, scan.nameEnd);
            if (k < 0) {
                scan.skipValue();
                continue;
            }
            String name = wanted.texts()[k];
            if (wanted.nested()[k] != null && scan.peek() == '{') {
                node.set(name, object(json, scan, body, wanted.nested()[k]));
            } else {
                node.set(name, value(json, scan, body));
            }
        }
        return node;
    }

    /** The next value whole, as the full tree would hold it. */
    private static JsonNode value(ObjectMapper json, JsonScanner scan, byte[] body) throws IOException {
        boolean text = scan.peek() == '"';
        int start = scan.position();
        scan.skipValue();
        int end = scan.position();
        if (text && !scan.lastStringEscaped()) {
            return TextNode.valueOf(new String(body, start + 1, end - start - 2, StandardCharsets.UTF_8));
        }
        JsonNode simple = simple(body, start, end);
        return simple != null ? simple : json.readTree(body, start, end - start);
    }

    /**
     * The usual small values without a parser of their own: literals, integers that fit a long, and
     * empty arrays, as the full tree holds them (an int when it fits, as Jackson does); null for others.
     */
    private static JsonNode simple(byte[] b, int start, int end) {
        int n = end - start;
        switch (b[start]) {
            case 't' -> {
                return BooleanNode.TRUE;
            }
            case 'f' -> {
                return BooleanNode.FALSE;
            }
            case 'n' -> {
                return NullNode.getInstance();
            }
            case '[' -> {
                return n == 2 ? JsonNodeFactory.instance.arrayNode() : null;
            }
            default -> {
                boolean negative = b[start] == '-';
                int digits = n - (negative ? 1 : 0);
                if (digits < 1 || digits > 18) {
                    return null;
                }
                long v = 0;
                for (int k = negative ? start + 1 : start; k < end; k++) {
                    if (b[k] < '0' || b[k] > '9') {
                        return null; // a fraction or an exponent
                    }
                    v = v * 10 + (b[k] - '0');
                }
                v = negative ? -v : v;
                return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
            }
        }
    }
}
