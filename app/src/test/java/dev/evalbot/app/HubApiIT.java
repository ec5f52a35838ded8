package dev.evalbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in its dry-run (the shipped example models), read by the Hub's official client:
 * every board's rows as evalbot's JSON ranks them, each example model's eval results, a 404 for an
 * unknown benchmark. Skipped, saying why, without the venv.
 */
class HubApiIT {
    static final List<String> EXAMPLE_MODELS = List.of("open-lab/atlas-7b", "open-lab/atlas-70b",
            "northwind/nw-base", "Codertocat/Hello-World");

    @TempDir
    Path tmp;

    @Test
    void theOfficialClientReadsTheJarsBoardsAsEvalbotRanksThem() throws Exception {
        Path python = PythonTools.requirePython();
        Map<String, String> env = new HashMap<>();
        env.put("EVALBOT_HOST", "127.0.0.1");
        env.put("EVALBOT_CONFIG", Path.of("../config").toAbsolutePath().normalize().toString());
        env.put("EVALBOT_DB", "jdbc:sqlite:" + tmp.resolve("evalbot.db"));
        env.put("EVALBOT_DATA", Files.createDirectories(tmp.resolve("data")).toString());
        try (JarServer server = JarServer.serve(tmp, env, "dry-run")) {
            JsonNode read = HubClientRun.read(python, tmp, server.url(""), EXAMPLE_MODELS);
            ObjectMapper json = new ObjectMapper();
            JsonNode index = json.readTree(server.get("/api/leaderboards").body()).get("leaderboards");
            assertEquals(index.size(), read.get("boards").size(), read.toString());
            Map<String, Integer> reports = new HashMap<>();
            int rows = 0;
            for (JsonNode board : index) {
                String id = board.get("benchmark").asText();
                JsonNode own = json.readTree(server.get("/api/leaderboards/" + id).body());
                JsonNode got = read.get("boards").get(id);
                for (JsonNode task : own.get("tasks")) {
                    List<String> expected = new ArrayList<>();
                    for (JsonNode row : task.get("rows")) {
                        expected.add(row.get("rank").asInt() + " " + row.get("model").asText() + " "
                                + row.at("/best/value").asDouble());
                        reports.merge(row.get("model").asText(), 1 + row.get("others").size(), Integer::sum);
                        rows++;
                    }
                    assertEquals(expected, places(got.get("tasks").get(task.get("id").asText())), id);
                }
                // The examples' cards declare no base model: the default is the whole first task.
                assertEquals(got.get("all"), got.get("default"), id);
                assertEquals(got.get("tasks").get(own.at("/tasks/0/id").asText()), got.get("all"), id);
            }
            assertEquals(true, rows >= 10, "the shipped examples fill the boards: " + rows);
            for (String model : EXAMPLE_MODELS) {
                assertEquals(reports.get(model).intValue(), read.at("/models/" + model.replace("/", "~1")
                        + "/eval_results").size(), model);
            }
            assertEquals("RepositoryNotFoundError", read.at("/unknown_benchmark/class").asText(), read.toString());
            assertEquals(404, read.at("/unknown_benchmark/status").asInt());
        }
    }

    private static List<String> places(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.get("rank").asInt() + " " + e.get("model_id").asText() + " "
                + e.get("value").asDouble()));
        return out;
    }
}
