package dev.evalbot.app.trust;

import dev.evalbot.rules.model.ResultEntry;
import java.util.Optional;

/**
 * What a verifyToken must be bound to: one results entry in one model repository.
 *
 * @param taskId the task the entry reports on (resolved, for the older config/split shape)
 * @param revision the entry's {@code dataset.revision}; null when it names none
 */
public record TokenSubject(String modelRepo, String datasetId, String taskId, double value, String revision) {

    /** The subject of a validated entry; empty when the entry has no finite value to bind. */
    public static Optional<TokenSubject> of(String modelRepo, ResultEntry entry) {
        if (entry.value() == null || !Double.isFinite(entry.value())) {
            return Optional.empty();
        }
        var dataset = entry.dataset();
        String taskId = entry.taskId() != null ? entry.taskId() : dataset == null ? null : dataset.taskId();
        return Optional.of(new TokenSubject(modelRepo, entry.datasetId(), taskId, entry.value(),
                dataset == null ? null : dataset.revision()));
    }
}
