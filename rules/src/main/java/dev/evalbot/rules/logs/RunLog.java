package dev.evalbot.rules.logs;

import java.util.List;
import java.util.Map;

/**
 * What evalbot reads of one evaluation run: an Inspect AI log ({@code eval}, {@code plan}, {@code results}
 * of a JSON log or of an {@code .eval} log's {@code header.json}) or a lighteval results file's task
 * ({@link LightevalResults}). Absent fields are null or empty.
 *
 * @param status {@code status}: {@code success}, {@code started}, {@code cancelled}, {@code error}
 * @param task {@code eval.task}, e.g. {@code inspect_evals/gpqa_diamond} or {@code hf/ORG/DS/TASK}
 * @param datasetName {@code eval.dataset.name}
 * @param datasetLocation {@code eval.dataset.location} (a Hub id, a path or a URL)
 * @param model {@code eval.model}, {@code provider/model}
 * @param created {@code eval.created}, ISO-8601 with an offset
 * @param taskArgs {@code eval.task_args} (few-shot counts live here)
 * @param generation the generation settings: {@code plan.config} over {@code eval.model_generate_config}
 * @param tools tool names found in {@code plan.steps[].params.tools}; null when the log has no plan
 * @param epochs {@code eval.config.epochs}, or null
 * @param metrics every {@code results.scores[].metrics} value, in the log's order
 * @param samples how many samples the log counts ({@code results.completed_samples}, or the journaled
 *     summaries of a run without a header), or null
 * @param framework what wrote the log: {@code Inspect AI}, or {@code lighteval} for a run read from its
 *     results file ({@link LightevalResults})
 */
public record RunLog(String status, String task, String datasetName, String datasetLocation, String model,
        String created, Map<String, Object> taskArgs, Map<String, Object> generation, List<String> tools,
        Integer epochs, List<Metric> metrics, Integer samples, String framework) {
    public static final String INSPECT = "Inspect AI";

    /** A run logged by Inspect AI. */
    public RunLog(String status, String task, String datasetName, String datasetLocation, String model,
            String created, Map<String, Object> taskArgs, Map<String, Object> generation, List<String> tools,
            Integer epochs, List<Metric> metrics, Integer samples) {
        this(status, task, datasetName, datasetLocation, model, created, taskArgs, generation, tools, epochs, metrics,
                samples, INSPECT);
    }

    public RunLog {
        taskArgs = Map.copyOf(taskArgs);
        generation = Map.copyOf(generation);
        tools = tools == null ? null : List.copyOf(tools);
        metrics = List.copyOf(metrics);
    }

    /**
     * One metric of one scorer, e.g. {@code choice/accuracy = 0.412}. The value may be NaN or
     * infinite: Inspect writes bare {@code NaN} where a statistic is undefined.
     */
    public record Metric(String scorer, String name, double value) {
        public String qualified() {
            return scorer + "/" + name;
        }
    }

    /**
     * The model without Inspect's provider prefix: {@code hf/org/name} and {@code vllm/org/name} are
     * {@code org/name}. lighteval names the model itself.
     */
    public String modelId() {
        if (model == null || !INSPECT.equals(framework)) {
            return model;
        }
        int slash = model.indexOf('/');
        return slash > 0 ? model.substring(slash + 1) : model;
    }
}
