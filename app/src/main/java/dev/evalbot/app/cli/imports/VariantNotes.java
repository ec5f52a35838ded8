package dev.evalbot.app.cli.imports;

import dev.evalbot.rules.logs.RunLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code notes} that tell one run's variant from another's: model and provider, then the
 * generation settings that change a score (temperature, reasoning effort, shots, tools, epochs).
 * Always in the same order, so that the same setup gives the same notes (duplicates are found by them).
 */
final class VariantNotes {
    /** task_args keys that hold a few-shot count, as Inspect tasks name them. */
    private static final List<String> SHOTS = List.of("fewshot", "num_fewshot", "few_shot", "shots", "n_shots", "k_shot");

    String of(RunLog log) {
        List<String> parts = new ArrayList<>();
        if (log.model() != null) {
            // Inspect writes provider/model; lighteval names the model alone.
            int slash = RunLog.INSPECT.equals(log.framework()) ? log.model().indexOf('/') : -1;
            parts.add(slash > 0 ? log.model().substring(slash + 1) + " via " + log.model().substring(0, slash) : log.model());
        }
        Map<String, Object> g = log.generation();
        setting(parts, "temperature", g.get("temperature"));
        setting(parts, "top_p", g.get("top_p"));
        setting(parts, "reasoning effort", g.get("reasoning_effort"));
        setting(parts, "reasoning tokens", g.get("reasoning_tokens"));
        setting(parts, "max tokens", g.get("max_tokens"));
        for (String key : SHOTS) {
            Object shots = log.taskArgs().get(key);
            if (shots instanceof Number n) {
                parts.add(n.intValue() + "-shot");
                break;
            }
            if (shots instanceof Boolean b) {
                parts.add(b ? "few-shot" : "0-shot");
                break;
            }
        }
        if (log.tools() != null) {
            parts.add(log.tools().isEmpty() ? "no tools" : "tools: " + String.join(", ", log.tools()));
        }
        if (log.epochs() != null && log.epochs() > 1) {
            parts.add(log.epochs() + " epochs");
        }
        parts.add(log.framework());
        return String.join("; ", parts);
    }

    private static void setting(List<String> parts, String label, Object value) {
        if (value instanceof Number || value instanceof String || value instanceof Boolean) {
            parts.add(label + " " + value);
        }
    }
}
