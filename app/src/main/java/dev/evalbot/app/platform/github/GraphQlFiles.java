package dev.evalbot.app.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and reads the one GraphQL query that fetches many files of one revision at once (the
 * REST contents API would take one request per file). Paths travel as variables, never spliced
 * into the query text.
 */
final class GraphQlFiles {
    /** GitHub caps a query's complexity; 100 objects per query stays well inside it. */
    static final int BATCH = 100;

    private GraphQlFiles() {}

    /** What GitHub said about one file: its text when it had one, else why not. */
    record Blob(String path, long byteSize, boolean binary, boolean truncated, String text) {
        byte[] bytes() {
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    static String body(ObjectMapper json, String owner, String name, String rev, List<String> paths) {
        StringBuilder declarations = new StringBuilder("$owner:String!,$name:String!");
        StringBuilder fields = new StringBuilder();
        ObjectNode variables = json.createObjectNode().put("owner", owner).put("name", name);
        for (int i = 0; i < paths.size(); i++) {
            declarations.append(",$e").append(i).append(":String!");
            fields.append(" f").append(i).append(":object(expression:$e").append(i)
                    .append("){... on Blob{byteSize isBinary isTruncated text}}");
            variables.put("e" + i, rev + ":" + paths.get(i));
        }
        ObjectNode request = json.createObjectNode();
        request.put("query", "query(" + declarations + "){repository(owner:$owner,name:$name){" + fields + "}}");
        request.set("variables", variables);
        return request.toString();
    }

    static List<Blob> parse(JsonNode response, List<String> paths) {
        JsonNode repository = response.path("data").path("repository");
        List<Blob> blobs = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            JsonNode f = repository.path("f" + i);
            if (f.isMissingNode() || f.isNull() || !f.has("byteSize")) {
                continue; // not at that revision (or not a file)
            }
            blobs.add(new Blob(paths.get(i), f.path("byteSize").asLong(), f.path("isBinary").asBoolean(),
                    f.path("isTruncated").asBoolean(), f.path("text").isTextual() ? f.path("text").asText() : null));
        }
        return blobs;
    }
}
