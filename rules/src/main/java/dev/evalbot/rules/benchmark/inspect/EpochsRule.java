package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.yaml.Position;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** {@code HFTask.epochs} is {@code int} with {@code ge=1}: {@code 0}, {@code -1}, {@code 2.5} or {@code null} do not load. */
public final class EpochsRule implements InspectTaskRule {
    @Override
    public List<RuleCode> codes() {
        return List.of(InspectCodes.EPOCHS);
    }

    @Override
    public void check(InspectTask task, FindingSink sink) {
        task.field("epochs").ifPresent(node -> {
            PyValue v = PyYaml.of(node);
            Optional<BigInteger> n = PydanticLax.integer(v);
            if (n.isEmpty() || n.get().signum() <= 0) {
                sink.addFileLevel(InspectCodes.EPOCHS, Position.of(node), "inspect-ai " + task.label()
                        + ": epochs must be an integer of at least 1 for Inspect, found " + v.describe(),
                        "epochs is how many times each sample runs: 1 (the default) or more");
            }
        });
    }
}
