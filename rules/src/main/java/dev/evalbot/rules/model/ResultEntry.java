package dev.evalbot.rules.model;

/**
 * One entry of a results file as submitted. Fields the author left out, or that had the wrong
 * type, are null; the findings of the same review say why.
 *
 * @param index 1-based position in the file's list
 * @param line 1-based line where the entry starts
 * @param taskId the benchmark task this entry reports on, resolved by {@code task_id} or, for the
 *     older shape, by {@code config}/{@code split}; null when it could not be resolved
 */
public record ResultEntry(
        int index,
        int line,
        DatasetRef dataset,
        String taskId,
        Double value,
        String date,
        Source source,
        String notes,
        String verifyToken) {

    public String datasetId() {
        return dataset == null ? null : dataset.id();
    }
}
