package dev.evalbot.rules.check;

import dev.evalbot.rules.check.rules.NewTopScoreRule;
import dev.evalbot.rules.check.rules.WouldRankRule;
import java.util.ArrayList;
import java.util.List;

/** The placement rules, and their codes for documentation and configuration. */
public final class PlacementRules {
    private PlacementRules() {}

    public static List<PlacementRule> defaults(double newTopMarginPercent) {
        return List.of(new WouldRankRule(), new NewTopScoreRule(newTopMarginPercent));
    }

    public static List<RuleCode> codes() {
        List<RuleCode> out = new ArrayList<>();
        defaults(NewTopScoreRule.DEFAULT_MARGIN_PERCENT).forEach(r -> out.addAll(r.codes()));
        return out;
    }
}
