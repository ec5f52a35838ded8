package dev.evalbot.rules.check;

import java.util.List;

/** Codes for findings that concern several files of one change together. */
public final class ChangeCodes {
    private ChangeCodes() {}

    public static final RuleCode DUPLICATE_ENTRY = new RuleCode("duplicate-entry", Severity.WARNING,
            "the same (dataset, task, notes) is not reported twice in one change");
    public static final RuleCode TASK_REMOVED = new RuleCode("task-removed", Severity.WARNING,
            "an eval.yaml change that removes or renames a task says so (results pointing at it stop matching)");
    public static final RuleCode TASK_ADDED = new RuleCode("task-added", Severity.NOTICE,
            "tasks added by an eval.yaml change are listed");

    public static final List<RuleCode> ALL = List.of(DUPLICATE_ENTRY, TASK_REMOVED, TASK_ADDED);
}
