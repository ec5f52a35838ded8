package dev.evalbot.rules.modelindex;

import dev.evalbot.rules.model.Source;
import dev.evalbot.rules.yaml.Position;

/**
 * One {@code .eval_results} entry made from one metric of a model-index.
 *
 * @param value the number as the card wrote it (e.g. {@code 20.90}), so its digits survive
 * @param revision {@code dataset.revision} when the card gave a commit sha, or null
 * @param notes what tells this metric apart from others on the same task, or null
 * @param from where the metric is in the card
 */
public record ImportedEntry(String datasetId, String taskId, String revision, String value, String verifyToken,
        Source source, String notes, Position from) {}
