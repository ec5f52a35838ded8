package dev.evalbot.rules.benchmark;

import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;
import java.util.List;

/** Codes for {@code eval.yaml} findings; those of Inspect's loader are in {@code inspect.InspectCodes}. */
public final class BenchmarkCodes {
    private BenchmarkCodes() {}

    public static final RuleCode NOT_A_MAPPING = new RuleCode("eval-not-a-mapping", Severity.ERROR,
            "eval.yaml is a mapping with name, description, evaluation_framework and tasks");
    public static final RuleCode MISSING_FIELD = new RuleCode("eval-missing-field", Severity.ERROR,
            "eval.yaml has name, description, evaluation_framework and tasks");
    public static final RuleCode UNKNOWN_FRAMEWORK = new RuleCode("unknown-framework", Severity.ERROR,
            "evaluation_framework is one of the configured framework ids");
    public static final RuleCode NO_TASKS = new RuleCode("eval-no-tasks", Severity.ERROR,
            "tasks is a non-empty list");
    public static final RuleCode TASK_MISSING_ID = new RuleCode("task-missing-id", Severity.ERROR,
            "every task has a string id");
    public static final RuleCode DUPLICATE_TASK_ID = new RuleCode("duplicate-task-id", Severity.ERROR,
            "task ids are unique within eval.yaml");
    public static final RuleCode BAD_FIELD = new RuleCode("eval-bad-field", Severity.ERROR,
            "known eval.yaml fields have the expected type");

    public static final List<RuleCode> ALL = List.of(NOT_A_MAPPING, MISSING_FIELD, UNKNOWN_FRAMEWORK, NO_TASKS,
            TASK_MISSING_ID, DUPLICATE_TASK_ID, BAD_FIELD);
}
