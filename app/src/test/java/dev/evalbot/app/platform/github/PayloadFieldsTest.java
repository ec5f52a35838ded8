package dev.evalbot.app.platform.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The route's partial read answers exactly what the full tree answers. */
class PayloadFieldsTest {
    final ObjectMapper json = new ObjectMapper();

    static List<Path> payloads() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/github-webhooks"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    void assertSameEvent(String event, byte[] body) throws IOException {
        JsonNode full = json.readTree(body);
        JsonNode partial = PayloadFields.read(json, body);
        GitHubEvent expected = GitHubEvent.parse(event, full);
        assertEquals(expected, GitHubEvent.parse(event, partial));
        assertEquals(GitHubEvents.read(event, full), GitHubEvents.read(event, partial));
        assertEquals(full.path("comment").path("body"), partial.path("comment").path("body"));
    }

    @Test
    void everyShippedPayloadGivesTheSameEventAndKind() throws IOException {
        List<Path> files = payloads();
        assertTrue(files.size() >= 8, files.toString());
        for (Path f : files) {
            String event = f.getFileName().toString().split("\\.")[0];
            assertSameEvent(event, Files.readAllBytes(f));
        }
    }

    @Test
    void editedVariantsGiveTheSameEvent() throws IOException {
        ObjectNode pr = (ObjectNode) json.readTree(Files.readAllBytes(
                Path.of("src/test/resources/github-webhooks/pull_request.opened.json")));
        pr.put("action", "edited");
        pr.putObject("changes").putObject("base").putObject("ref").put("from", "old");
        assertSameEvent("pull_request", json.writeValueAsBytes(pr));
        pr.set("pull_request", null);
        assertSameEvent("pull_request", json.writeValueAsBytes(pr));
        pr.put("number", "not a number");
        pr.put("action", 12);
        assertSameEvent("pull_request", json.writeValueAsBytes(pr));
        ObjectNode comment = (ObjectNode) json.readTree(Files.readAllBytes(
                Path.of("src/test/resources/github-webhooks/issue_comment.created.json")));
        ((ObjectNode) comment.path("comment")).put("body", "/evalbot approve");
        ((ObjectNode) comment.path("sender")).put("type", "Bot");
        assertSameEvent("issue_comment", json.writeValueAsBytes(comment));
        ((ObjectNode) comment.path("issue")).remove("pull_request");
        assertSameEvent("issue_comment", json.writeValueAsBytes(comment));
    }

    @Test
    void theLastOfADuplicatedKeyWinsAsInTheFullTree() throws IOException {
        byte[] body = "{\"action\":\"opened\",\"number\":1,\"action\":\"closed\",\"number\":2}".getBytes(StandardCharsets.UTF_8);
        assertSameEvent("pull_request", body);
        assertEquals("closed", PayloadFields.read(json, body).path("action").asText());
    }

    @Test
    void malformedAndNonObjectBodiesAreToldApart() throws IOException {
        for (String bad : List.of("{\"action\":", "{\"a\":[1,2}", "{\"x\":\"\u0001\"}", "{\"x\" 1}", "nope")) {
            assertThrows(IOException.class, () -> PayloadFields.read(json, bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertThrows(IOException.class, () -> json.readTree(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        assertNull(PayloadFields.read(json, new byte[0]));
        assertTrue(PayloadFields.read(json, "[1,2]".getBytes(StandardCharsets.UTF_8)).isArray());
        assertTrue(!PayloadFields.read(json, "\"text\"".getBytes(StandardCharsets.UTF_8)).isObject());
    }
}
