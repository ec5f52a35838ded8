package dev.evalbot.app.cli.imports;

import java.util.List;
import java.util.Map;

/**
 * What evalbot reads of an Inspect AI evaluation log (the JSON log format: {@code eval},
 * {@code plan}, {@code results}, {@code stats}). Absent fields are null or empty.
 *
 * @param task {@code eval.task}, e.g. {@code inspect_evals/gpqa_diamond}
 * @param datasetName {@code eval.dataset.name}
 * @param datasetLocation {@code eval.dataset.location} (a Hub id, a path or a URL)
 * @param model {@code eval.model}, {@code provider/model}
 * @param created {@code eval.created}, ISO-8601 with an offset
 * @param taskArgs {@code eval.task_args} (few-shot counts live here)
 * @param generation the generation settings: {@code plan.config} over {@code eval.model_generate_config}
 * @param tools tool names found in {@code plan.steps[].params.tools}; null when the log has no plan
 * @param epochs {@code eval.config.epochs}, or null
 * @param metrics every {@code results.scores[].metrics} value, in the log's order
 */
record InspectLog(String status, String task, String datasetName, String datasetLocation, String model, String created,
        Map<String, Object> taskArgs, Map<String, Object> generation, List<String> tools, Integer epochs,
        List<Metric> metrics) {
    InspectLog {
        taskArgs = Map.copyOf(taskArgs);
        generation = Map.copyOf(generation);
        tools = tools == null ? null : List.copyOf(tools);
        metrics = List.copyOf(metrics);
    }

    /** One metric of one scorer, e.g. {@code choice/accuracy = 0.412}. */
    record Metric(String scorer, String name, double value) {
        String qualified() {
            return scorer + "/" + name;
        }
    }
}
