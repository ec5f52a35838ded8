package dev.evalbot.app.cli.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Inspect AI JSON evaluation log with Jackson. Only the header is kept: the top-level
 * {@code samples}, {@code reductions} and {@code logging} (the bulk of a log, often gigabytes) are
 * streamed past without being held in memory.
 */
final class InspectLogReader {
    private static final Set<String> BULK = Set.of("samples", "reductions", "logging");
    private final ObjectMapper json;

    InspectLogReader(ObjectMapper json) {
        this.json = json;
    }

    InspectLog read(Path file) {
        JsonNode root;
        try {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(2);
                if (head.length == 2 && head[0] == 'P' && head[1] == 'K') {
                    throw new ImportException(file + " is an .eval (zip) log; evalbot reads the JSON log format: "
                            + "convert it with: inspect log convert --to json " + file);
                }
            }
            root = header(file);
        } catch (NoSuchFileException e) {
            throw new ImportException(file + ": no such file");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ImportException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not an Inspect AI JSON log: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("eval").isObject()) {
            throw new ImportException(file + ": not an Inspect AI JSON log (expected an object with 'eval', "
                    + "'results' and 'plan')");
        }
        JsonNode eval = root.path("eval");
        Map<String, Object> generation = new LinkedHashMap<>(map(eval.path("model_generate_config")));
        generation.putAll(map(root.path("plan").path("config")));
        JsonNode epochs = eval.path("config").path("epochs");
        return new InspectLog(text(root.path("status")), text(eval.path("task")), text(eval.path("dataset").path("name")),
                text(eval.path("dataset").path("location")), text(eval.path("model")), text(eval.path("created")),
                map(eval.path("task_args")), generation, tools(root.path("plan")),
                epochs.canConvertToInt() ? epochs.asInt() : null, metrics(root.path("results")));
    }

    /** The top-level object without its bulk fields; null when the log is not an object. */
    private JsonNode header(Path file) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = json.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (BULK.contains(name)) {
                    parser.skipChildren();
                } else {
                    root.set(name, json.readTree(parser));
                }
            }
            return root;
        }
    }

    private static List<InspectLog.Metric> metrics(JsonNode results) {
        List<InspectLog.Metric> out = new ArrayList<>();
        for (JsonNode score : results.path("scores")) {
            String scorer = score.path("name").asText(score.path("scorer").asText("score"));
            for (Iterator<Map.Entry<String, JsonNode>> it = score.path("metrics").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> m = it.next();
                JsonNode value = m.getValue().path("value");
                if (value.isNumber()) {
                    out.add(new InspectLog.Metric(scorer, m.getValue().path("name").asText(m.getKey()), value.asDouble()));
                }
            }
        }
        return out;
    }

    /** Tool names from the plan's steps ({@code use_tools}, agents); null when the log has no steps. */
    private static List<String> tools(JsonNode plan) {
        if (!plan.path("steps").isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode step : plan.path("steps")) {
            for (JsonNode tool : step.path("params").path("tools")) {
                String name = tool.isTextual() ? tool.asText() : text(tool.path("name"));
                if (name != null && !out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private Map<String, Object> map(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), json.convertValue(e.getValue(), Object.class));
                }
            });
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
