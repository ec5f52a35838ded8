package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.yaml.Position;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code HFEpochReducer}: a string matching {@code ^(pass_at_\d+|at_least_\d+|max|mode|median|mean)$}, or null. */
public final class EpochReducerRule implements InspectTaskRule {
    static final String FORMS = "Inspect takes pass_at_N, at_least_N, max, mode, median or mean";
    /** {@code pass@3}, {@code pass_3}, {@code at_least3}...: the number is kept in the suggestion. */
    private static final Pattern NEAR_COUNTED = Pattern.compile("(?i)(pass|at[_-]?least)\\W*_?(?:at)?\\W*_?(\\d+)");

    @Override
    public List<RuleCode> codes() {
        return List.of(InspectCodes.EPOCH_REDUCER);
    }

    @Override
    public void check(InspectTask task, FindingSink sink) {
        task.field("epoch_reducer").ifPresent(node -> {
            PyValue v = PyYaml.of(node);
            if (v instanceof PyValue.Null
                    || v instanceof PyValue.Str s && HfTaskModel.EPOCH_REDUCER.matcher(s.value()).matches()) {
                return;
            }
            sink.addFileLevel(InspectCodes.EPOCH_REDUCER, Position.of(node), "inspect-ai " + task.label()
                    + ": epoch_reducer must be a reducer Inspect knows, found " + v.describe(), hint(v));
        });
    }

    static String hint(PyValue v) {
        if (v instanceof PyValue.Str s) {
            Matcher m = NEAR_COUNTED.matcher(s.value().strip());
            if (m.matches()) {
                String base = m.group(1).toLowerCase(java.util.Locale.ROOT).startsWith("pass") ? "pass_at_" : "at_least_";
                return "did you mean `" + base + m.group(2) + "`? " + FORMS;
            }
            String named = Suggestions.didYouMean(Suggestions.closest(s.value(), HfTaskModel.NAMED_REDUCERS));
            if (named != null) {
                return named + " " + FORMS;
            }
        }
        return FORMS;
    }
}
