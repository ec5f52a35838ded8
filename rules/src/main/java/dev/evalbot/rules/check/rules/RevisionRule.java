package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/** dataset.revision, when given, is a commit sha: 7 to 40 hex characters. */
public final class RevisionRule implements EntryRule {
    public static final RuleCode INVALID_REVISION = new RuleCode("invalid-revision", Severity.ERROR,
            "dataset.revision is a commit sha of 7 to 40 hex characters");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

    @Override
    public List<RuleCode> codes() {
        return List.of(INVALID_REVISION);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        Optional<Node> revision = entry.datasetField("revision");
        if (revision.isEmpty() || YamlNodes.isNull(revision.get())) {
            return;
        }
        // An all-digit sha reads as a YAML number; its text is still the sha.
        Optional<String> text = YamlNodes.text(revision.get());
        if (text.isEmpty() || !SHA.matcher(text.get()).matches()) {
            entry.report(sink, INVALID_REVISION, entry.positionOf(revision),
                    "dataset.revision must be a commit sha (7 to 40 hex characters), got "
                            + YamlNodes.kindOf(revision.get()),
                    "copy the commit sha of the dataset version you evaluated on, e.g. `a3c98f7`");
        }
    }
}
