package dev.evalbot.rules.check.rules;

import dev.evalbot.rules.check.EntryContext;
import dev.evalbot.rules.check.EntryRule;
import dev.evalbot.rules.check.FindingSink;
import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import dev.evalbot.rules.check.Suggestions;
import dev.evalbot.rules.check.TaskMatch;
import dev.evalbot.rules.yaml.YamlNodes;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** The entry names a task of its benchmark, by task_id or (older shape) by config and split. */
public final class TaskRule implements EntryRule {
    public static final RuleCode UNKNOWN_TASK = new RuleCode("unknown-task", Severity.ERROR,
            "dataset.task_id is one of the benchmark's tasks[].id");
    public static final RuleCode MISSING_TASK = new RuleCode("missing-task-id", Severity.ERROR,
            "the entry names its task (dataset.task_id)");
    public static final RuleCode LEGACY_CONFIG = new RuleCode("legacy-config", Severity.WARNING,
            "entries use task_id rather than the older config/split shape");
    public static final RuleCode CONFIG_UNMATCHED = new RuleCode("unknown-config", Severity.ERROR,
            "an entry without task_id has a config/split matching exactly one task");

    @Override
    public List<RuleCode> codes() {
        return List.of(UNKNOWN_TASK, MISSING_TASK, LEGACY_CONFIG, CONFIG_UNMATCHED);
    }

    @Override
    public void check(EntryContext entry, FindingSink sink) {
        TaskMatch match = entry.match();
        if (match instanceof TaskMatch.UnknownTask u) {
            String hint = Suggestions.didYouMean(Suggestions.closest(u.given(), u.benchmark().taskIds()));
            entry.report(sink, UNKNOWN_TASK, entry.positionOf(entry.datasetField("task_id")),
                    "task '" + u.given() + "' is not a task of " + u.benchmark().id() + " (its tasks: "
                            + String.join(", ", u.benchmark().taskIds()) + ")",
                    hint);
        } else if (match instanceof TaskMatch.NoTaskGiven n) {
            entry.report(sink, MISSING_TASK, entry.positionOf(entry.field("dataset")),
                    "entry " + entry.index() + " does not say which task of " + n.benchmark().id() + " it reports",
                    "add `task_id:` with one of: " + String.join(", ", n.benchmark().taskIds()));
        } else if (match instanceof TaskMatch.ByConfig c) {
            entry.report(sink, LEGACY_CONFIG, entry.positionOf(entry.datasetField("config")),
                    "no task_id: matched task '" + c.task().id() + "' by dataset.config; the Hub's own client "
                            + "(huggingface_hub) cannot read an entry without dataset.task_id",
                    "write it as `" + rewritten(entry, c.task().id()) + "`");
        } else if (match instanceof TaskMatch.ConfigUnmatched c) {
            entry.report(sink, CONFIG_UNMATCHED, entry.positionOf(entry.datasetField("config")),
                    "no task of " + c.benchmark().id() + " has config '" + c.config() + "'"
                            + (c.split() != null ? " and split '" + c.split() + "'" : "") + " (or more than one has)",
                    "add `task_id:` with one of: " + String.join(", ", c.benchmark().taskIds()));
        }
    }

    /** The entry's dataset block as the official client writes it: id, task_id, and revision when given. */
    static String rewritten(EntryContext entry, String taskId) {
        StringBuilder s = new StringBuilder("dataset: {id: ").append(entry.datasetId()).append(", task_id: ")
                .append(taskId);
        entry.datasetField("revision").filter(ScalarNode.class::isInstance).flatMap(YamlNodes::text)
                .ifPresent(r -> s.append(", revision: ").append(r));
        return s.append('}').toString();
    }
}
