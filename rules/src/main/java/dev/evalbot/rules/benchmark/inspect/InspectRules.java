package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The rules of Inspect's {@code HFTask} model, run on every task of an {@code inspect-ai} eval.yaml. */
public final class InspectRules {
    private InspectRules() {}

    public static final List<InspectTaskRule> DEFAULT = List.of(new TaskKeysRule(), new TaskStringsRule(),
            new FieldSpecRule(), new ShuffleChoicesRule(), new EpochsRule(), new EpochReducerRule(),
            StepsRule.solvers(), StepsRule.scorers());

    public static void check(InspectTask task, FindingSink sink) {
        for (InspectTaskRule rule : DEFAULT) {
            rule.check(task, sink);
        }
    }

    private static final List<RuleCode> CODES = collectCodes();
    private static final Set<String> CODE_NAMES = CODES.stream().map(RuleCode::code).collect(Collectors.toUnmodifiableSet());

    /** True for a code of these rules: what Inspect refuses, not what the Hub's format does. */
    public static boolean reports(String code) {
        return CODE_NAMES.contains(code);
    }

    public static List<RuleCode> codes() {
        return CODES;
    }

    private static List<RuleCode> collectCodes() {
        Set<RuleCode> codes = new LinkedHashSet<>();
        DEFAULT.forEach(r -> codes.addAll(r.codes()));
        return List.copyOf(codes);
    }
}
