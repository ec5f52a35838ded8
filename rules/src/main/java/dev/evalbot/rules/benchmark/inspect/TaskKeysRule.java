package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code HFTask} is {@code extra="forbid"}: a task holds only the keys the model declares. */
public final class TaskKeysRule implements InspectTaskRule {
    /** Keys written for another (a docs page says `scores`, Inspect's own docs table `scorer`). */
    static final Map<String, String> MISSPELT = Map.of("scores", "scorers", "scorer", "scorers", "solver", "solvers");

    static final Map<String, String> HINTS = hints();

    private static Map<String, String> hints() {
        Map<String, String> hints = new HashMap<>();
        MISSPELT.forEach((wrong, right) -> hints.put(wrong,
                "Inspect reads `" + right + "`: rename `" + wrong + "` to `" + right + "`"));
        hints.put("metrics", "Inspect refuses metrics in a task: declare them at the top level of eval.yaml");
        return Map.copyOf(hints);
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(InspectCodes.UNKNOWN_KEY);
    }

    @Override
    public void check(InspectTask task, FindingSink sink) {
        Keys.forbidOthers(task.node(), HfTaskModel.TASK_KEYS, HINTS, "inspect-ai " + task.label(),
                InspectCodes.UNKNOWN_KEY, sink);
    }
}
