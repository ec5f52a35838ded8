package dev.evalbot.rules.logs;

import java.util.Optional;

/**
 * The dataset and task of a run of a Hub dataset's {@code eval.yaml}: {@code inspect eval
 * hf/ORG/DS[@REV][/TASK]} names its task {@code hf/ORG/DS} (one task), or appends the task's id
 * when the file has several (Inspect's {@code _eval/task/hf.py}); the dataset's location is the
 * repository id.
 *
 * @param taskId null when the run's name does not carry one (a benchmark of one task)
 */
public record HubTask(String datasetId, String taskId) {
    private static final String PREFIX = "hf/";

    public static Optional<HubTask> of(RunLog log) {
        String task = log.task();
        if (task == null || !task.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = task.substring(PREFIX.length()).split("/");
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            return Optional.empty();
        }
        String repo = parts[0] + "/" + withoutRevision(parts[1]);
        String taskId = parts.length >= 3 ? parts[parts.length - 1] : null;
        return Optional.of(new HubTask(repo, taskId));
    }

    private static String withoutRevision(String name) {
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }
}
