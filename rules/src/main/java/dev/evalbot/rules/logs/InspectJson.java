package dev.evalbot.rules.logs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inspect AI's JSON: a JSON log, or an {@code .eval} log's {@code header.json} and
 * {@code _journal/start.json}. Inspect (Python's json) writes bare {@code NaN} and
 * {@code Infinity} where a statistic is undefined, so the parser accepts them.
 */
public final class InspectJson {
    /** The bulk of a log (often gigabytes): skipped, never held. */
    private static final Set<String> BULK = Set.of("samples", "reductions", "logging");

    private final ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * The log's header fields from a JSON stream. With {@code stopAfterResults}, reading ends at
     * {@code results} (Inspect writes {@code version, status, eval, plan, results, stats} first) or
     * at the first bulk field, so that a remote log is read only as far as the score.
     */
    public RunLog read(InputStream in, String what, boolean stopAfterResults) throws IOException {
        return of(header(in, what, stopAfterResults), what, null);
    }

    /**
     * An Inspect JSON log (one run) or a lighteval results file (one run per task), told apart by
     * their fields; {@code what} is the file's name (lighteval's carries the date).
     */
    public List<RunLog> runs(InputStream in, String what, boolean stopAfterResults) throws IOException {
        JsonNode root = header(in, what, stopAfterResults);
        return LightevalResults.looksLike(root) ? LightevalResults.read(root, what) : List.of(of(root, what, null));
    }

    /** A whole small JSON document (a zip member), NaN allowed. */
    public JsonNode tree(byte[] bytes, String what) {
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw syntax(what, e);
        } catch (IOException e) {
            throw new LogFormatException(what + ": cannot read: " + e.getMessage());
        }
    }

    private JsonNode header(InputStream in, String what, boolean stopAfterResults) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode root = json.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (BULK.contains(name)) {
                    if (stopAfterResults) {
                        break;
                    }
                    parser.skipChildren();
                } else {
                    root.set(name, json.readTree(parser));
                    if (stopAfterResults && name.equals("results") && root.has("eval") && root.has("status")) {
                        break;
                    }
                }
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntax(what, e);
        }
    }

    private static LogFormatException syntax(String what, JsonProcessingException e) {
        var at = e.getLocation();
        return new LogFormatException(what + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                + ": not an Inspect AI JSON log: " + e.getOriginalMessage());
    }

    /** The record of a header node ({@code eval}, {@code plan}, {@code results}, {@code status}). */
    RunLog of(JsonNode root, String what, Integer journaledSamples) {
        if (root == null || !root.isObject() || !root.path("eval").isObject()) {
            throw new LogFormatException(what + ": not an Inspect AI log (expected an object with 'eval', "
                    + "'plan' and 'results')");
        }
        JsonNode eval = root.path("eval");
        Map<String, Object> generation = new LinkedHashMap<>(map(eval.path("model_generate_config")));
        generation.putAll(map(root.path("plan").path("config")));
        JsonNode epochs = eval.path("config").path("epochs");
        JsonNode completed = root.path("results").path("completed_samples");
        Integer samples = completed.canConvertToInt() ? Integer.valueOf(completed.asInt()) : journaledSamples;
        return new RunLog(text(root.path("status")), text(eval.path("task")), text(eval.path("dataset").path("name")),
                text(eval.path("dataset").path("location")), text(eval.path("model")), text(eval.path("created")),
                map(eval.path("task_args")), generation, tools(root.path("plan")),
                epochs.canConvertToInt() ? epochs.asInt() : null, metrics(root.path("results")), samples);
    }

    /** Version 2 logs: {@code results.scores[]}; version 1: one {@code results.scorer} and {@code results.metrics}. */
    private static List<RunLog.Metric> metrics(JsonNode results) {
        List<RunLog.Metric> out = new ArrayList<>();
        JsonNode scores = results.has("scores") || !results.has("metrics") ? results.path("scores")
                : version1Scores(results);
        for (JsonNode score : scores) {
            String scorer = score.path("name").asText(score.path("scorer").asText("score"));
            for (Iterator<Map.Entry<String, JsonNode>> it = score.path("metrics").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> m = it.next();
                JsonNode value = m.getValue().path("value");
                if (value.isNumber()) {
                    out.add(new RunLog.Metric(scorer, m.getValue().path("name").asText(m.getKey()), value.asDouble()));
                }
            }
        }
        return out;
    }

    private static JsonNode version1Scores(JsonNode results) {
        ObjectNode score = JsonNodeFactory.instance.objectNode();
        score.put("name", results.path("scorer").path("name").asText("score"));
        score.set("metrics", results.path("metrics"));
        return JsonNodeFactory.instance.arrayNode().add(score);
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
