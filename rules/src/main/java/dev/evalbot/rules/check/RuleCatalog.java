package dev.evalbot.rules.check;

import dev.evalbot.rules.benchmark.BenchmarkCodes;
import dev.evalbot.rules.benchmark.inspect.InspectRules;
import java.util.ArrayList;
import java.util.List;

/** Every finding code evalbot's rules engine can report, for documentation and config checks. */
public final class RuleCatalog {
    private RuleCatalog() {}

    public static List<RuleCode> all() {
        List<RuleCode> all = new ArrayList<>(FileCodes.ALL);
        ResultsValidator.DEFAULT_RULES.forEach(r -> all.addAll(r.codes()));
        all.addAll(ChangeCodes.ALL);
        all.addAll(PlacementRules.codes());
        all.addAll(BenchmarkCodes.ALL);
        all.addAll(InspectRules.codes());
        return all;
    }
}
