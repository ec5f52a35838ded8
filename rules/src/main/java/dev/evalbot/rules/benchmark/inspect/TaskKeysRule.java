package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import java.util.List;
import java.util.Map;

/** {@code HFTask} is {@code extra="forbid"}: a task holds only the keys the model declares. */
public final class TaskKeysRule implements InspectTaskRule {
    /** Keys people write for another one, with what to do instead. */
    static final Map<String, String> HINTS = Map.of(
            "scores", "Inspect reads `scorers`: rename `scores` to `scorers`",
            "metrics", "Inspect refuses metrics in a task: declare them at the top level of eval.yaml");

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
