package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * Reads only the parts of a GitHub payload that the webhook route needs ({@link GitHubEvent} and
 * the slash-command check) into a small tree, skipping the rest without building it. A
 * pull_request payload is 10-30 KiB of which a few hundred bytes are used; a full
 * {@link ObjectMapper#readTree} was half of the route's CPU time.
 *
 * <p>The result answers every {@link JsonNode#path} that {@link GitHubEvent#parse} and the route ask
 * exactly as the full tree would. Malformed JSON fails the same way (the skipped parts are still
 * tokenized); content after the first value is ignored, as {@code readTree} does.
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
            "changes", Map.of("base", ALL, "body", Map.of("from", ALL)),
            "comment", Map.of("id", ALL, "body", ALL, "user", Map.of("login", ALL, "type", ALL)),
            "pull_request", Map.of("number", ALL, "head", Map.of("sha", ALL), "base", Map.of("sha", ALL, "ref", ALL),
                    "user", Map.of("login", ALL), "labels", ALL, "merged", ALL),
            "issue", Map.of("number", ALL, "user", Map.of("login", ALL), "labels", ALL, "pull_request", ALL));

    private PayloadFields() {}

    /**
     * The wanted fields of the body's root object; the whole value when the root is not an object;
     * null for an empty body.
     *
     * @throws IOException when the body is not JSON
     */
    static JsonNode read(ObjectMapper json, byte[] body) throws IOException {
        return read(json, body, WANTED);
    }

    /**
     * Checks the body as {@link #read} does and reads none of its fields: an empty object node for
     * a JSON object, the value itself when the root is not an object, null for an empty body.
     */
    static JsonNode check(ObjectMapper json, byte[] body) throws IOException {
        return read(json, body, Map.of());
    }

    private static JsonNode read(ObjectMapper json, byte[] body, Map<String, Object> wanted) throws IOException {
        try (JsonParser p = json.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                return p.readValueAsTree();
            }
            return object(json, p, wanted);
        }
    }

    @SuppressWarnings("unchecked")
    private static ObjectNode object(ObjectMapper json, JsonParser p, Map<String, Object> wanted) throws IOException {
        ObjectNode node = json.createObjectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            Object spec = wanted.get(name);
            JsonToken value = p.nextToken();
            if (spec == null) {
                p.skipChildren();
            } else if (spec instanceof Map<?, ?> nested && value == JsonToken.START_OBJECT) {
                node.set(name, object(json, p, (Map<String, Object>) nested));
            } else {
                node.set(name, p.readValueAsTree());
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + p.currentToken() + " in a JSON object");
        }
        return node;
    }
}
