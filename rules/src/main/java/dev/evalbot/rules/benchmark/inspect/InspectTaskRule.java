package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import java.util.List;

/** One rule of Inspect's {@code HFTask} model, checked on one task. Stateless and thread-safe. */
public interface InspectTaskRule {
    /** The codes this rule may report, for documentation and configuration. */
    List<RuleCode> codes();

    void check(InspectTask task, FindingSink sink);
}
