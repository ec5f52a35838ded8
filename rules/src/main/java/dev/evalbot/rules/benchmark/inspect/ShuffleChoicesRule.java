package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.yaml.Position;
import java.util.List;

/** {@code HFTask.shuffle_choices} is {@code bool | None}, read as pydantic's lax mode reads a boolean. */
public final class ShuffleChoicesRule implements InspectTaskRule {
    @Override
    public List<RuleCode> codes() {
        return List.of(InspectCodes.FIELD_TYPE);
    }

    @Override
    public void check(InspectTask task, FindingSink sink) {
        task.field("shuffle_choices").ifPresent(node -> {
            PyValue v = PyYaml.of(node);
            if (!(v instanceof PyValue.Null) && PydanticLax.bool(v).isEmpty()) {
                sink.addFileLevel(InspectCodes.FIELD_TYPE, Position.of(node), "inspect-ai " + task.label()
                        + ": shuffle_choices must be true or false for Inspect, found " + v.describe(),
                        "write shuffle_choices: true, or leave it out");
            }
        });
    }
}
