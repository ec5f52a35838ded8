package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.YamlNodes;
import dev.evalbot.rules.yaml.YamlNumbers;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.snakeyaml.engine.v2.nodes.Node;

/** The entry has a value, and it is a finite number. */
public final class ValueTypeRule implements EntryRule {
    public static final RuleCode MISSING_VALUE = new RuleCode("missing-value", Severity.ERROR,
            "the entry has a value");
    public static final RuleCode NOT_A_NUMBER = new RuleCode("value-not-number", Severity.ERROR,
            "value is a number, not a string or anything else");
    public static final RuleCode NOT_FINITE = new RuleCode("value-not-finite", Severity.ERROR,
            "value is finite (not .nan or .inf)");

    @Override
    public List<RuleCode> codes() {
        return List.of(MISSING_VALUE, NOT_A_NUMBER, NOT_FINITE);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        Optional<Node> value = entry.field("value");
        if (value.isEmpty() || YamlNodes.isNull(value.get())) {
            entry.report(sink, MISSING_VALUE, entry.positionOf(value), "entry " + entry.index() + " has no value",
                    "add `value:` with the metric as a number, e.g. `value: 41.2`");
            return;
        }
        Node node = value.get();
        if (!YamlNodes.isNumber(node)) {
            String hint = null;
            if (YamlNodes.isString(node)) {
                String text = YamlNodes.text(node).orElse("").trim();
                String stripped = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
                if (YamlNumbers.parse(stripped).isPresent()) {
                    hint = "write it as a plain number without quotes" + (text.endsWith("%") ? " or %" : "")
                            + ": `value: " + stripped + "`";
                }
            }
            entry.report(sink, NOT_A_NUMBER, entry.positionOf(value),
                    "value must be a number, got " + YamlNodes.kindOf(node), hint);
            return;
        }
        OptionalDouble parsed = YamlNodes.text(node).map(YamlNumbers::parse).orElse(OptionalDouble.empty());
        if (parsed.isEmpty() || !Double.isFinite(parsed.getAsDouble())) {
            entry.report(sink, NOT_FINITE, entry.positionOf(value),
                    "value must be a finite number, got " + YamlNodes.text(node).orElse("?"), null);
        }
    }
}
