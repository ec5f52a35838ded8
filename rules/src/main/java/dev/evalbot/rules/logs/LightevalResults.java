package dev.evalbot.rules.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lighteval results file ({@code results_<timestamp>.json}, written by its
 * {@code EvaluationTracker}: {@code config_general}, {@code results}, {@code versions},
 * {@code config_tasks}, ...), read as one run per task, in the same shape as an Inspect log.
 * Task keys are {@code [suite|]task|fewshots}; the aggregate {@code all} is not a task. Metric
 * names ending in {@code _stderr} are dispersion statistics and are left out. The file is written
 * when the run ends, so its status is success; its date is in its name, when it kept the name
 * lighteval gave it.
 */
public final class LightevalResults {
    private static final Pattern TIMESTAMP = Pattern.compile(
            "results_(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})(\\.\\d+)?\\.json$");
    private static final String FRAMEWORK = "lighteval";

    private LightevalResults() {}

    /** True when the JSON has lighteval's shape. */
    public static boolean looksLike(JsonNode root) {
        return root != null && root.isObject() && root.path("config_general").isObject() && root.path("results").isObject()
                && !root.has("eval");
    }

    /** One run per task of the file; {@code fileName} gives the date, when it is lighteval's. */
    public static List<RunLog> read(JsonNode root, String fileName) {
        if (!looksLike(root)) {
            throw new LogFormatException(fileName + ": not a lighteval results file (expected 'config_general' and "
                    + "'results')");
        }
        JsonNode general = root.path("config_general");
        String model = text(general.path("model_name"));
        if (model == null) {
            model = text(general.path("model_config").path("model_name"));
        }
        String created = created(fileName);
        List<RunLog> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("results").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> task = it.next();
            if (task.getKey().equals("all") || !task.getValue().isObject()) {
                continue;
            }
            String[] parts = task.getKey().split("\\|");
            String name = parts.length >= 2 && parts[parts.length - 1].matches("\\d+") ? parts[parts.length - 2]
                    : parts[parts.length - 1];
            Map<String, Object> args = new LinkedHashMap<>();
            if (parts.length >= 2 && parts[parts.length - 1].matches("\\d+")) {
                args.put("num_fewshot", Integer.parseInt(parts[parts.length - 1]));
            }
            JsonNode config = taskConfig(root.path("config_tasks"), parts, name);
            List<RunLog.Metric> metrics = new ArrayList<>();
            task.getValue().fields().forEachRemaining(m -> {
                if (m.getValue().isNumber() && !m.getKey().endsWith("_stderr")) {
                    metrics.add(new RunLog.Metric(FRAMEWORK, m.getKey(), m.getValue().asDouble()));
                }
            });
            out.add(new RunLog("success", name, text(config.path("hf_subset")), text(config.path("hf_repo")), model,
                    created, args, Map.of(), null, null, metrics, null, FRAMEWORK));
        }
        if (out.isEmpty()) {
            throw new LogFormatException(fileName + ": a lighteval results file without task results");
        }
        return out;
    }

    /** {@code config_tasks} is keyed {@code suite|task} (older files) or by the task's name. */
    private static JsonNode taskConfig(JsonNode tasks, String[] parts, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = tasks.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals(name) || key.endsWith("|" + name) || name.equals(text(e.getValue().path("name")))) {
                return e.getValue();
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** {@code results_2026-01-15T10-22-33.123456.json} was written then (local time of the run, no offset). */
    static String created(String fileName) {
        Matcher m = fileName == null ? null : TIMESTAMP.matcher(fileName);
        if (m == null || !m.find()) {
            return null;
        }
        return m.group(1) + "T" + m.group(2) + ":" + m.group(3) + ":" + m.group(4);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
