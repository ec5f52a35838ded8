package dev.evalbot.rules.benchmark.inspect;

import dev.evalbot.rules.check.RuleCode;
import dev.evalbot.rules.check.Severity;

/** Codes for {@code inspect-ai} tasks that Inspect's loader ({@code hf.py}) would refuse or ignore. */
public final class InspectCodes {
    private InspectCodes() {}

    public static final RuleCode MISSING_FIELD = new RuleCode("inspect-missing-field", Severity.ERROR,
            "inspect-ai tasks have field_spec, at least one solver and one scorer, each with a name");
    public static final RuleCode UNKNOWN_KEY = new RuleCode("inspect-unknown-key", Severity.ERROR,
            "an inspect-ai task and its field_spec hold only the keys Inspect's HFTask/HFFieldSpec define");
    public static final RuleCode FIELD_TYPE = new RuleCode("inspect-field-type", Severity.ERROR,
            "inspect-ai task fields have the types Inspect validates (config and split strings, "
                    + "shuffle_choices a boolean, args a mapping, ...)");
    public static final RuleCode EPOCHS = new RuleCode("inspect-epochs", Severity.ERROR,
            "an inspect-ai task's epochs is an integer of at least 1");
    public static final RuleCode EPOCH_REDUCER = new RuleCode("inspect-epoch-reducer", Severity.ERROR,
            "an inspect-ai task's epoch_reducer is pass_at_N, at_least_N, max, mode, median or mean");
    public static final RuleCode UNKNOWN_SOLVER = new RuleCode("inspect-unknown-solver", Severity.ERROR,
            "an inspect-ai solver is one of the eight HFSolver names");
    public static final RuleCode UNKNOWN_SCORER = new RuleCode("inspect-unknown-scorer", Severity.ERROR,
            "an inspect-ai scorer is one of the ten HFScorer names");
    public static final RuleCode IGNORED_KEY = new RuleCode("inspect-ignored-key", Severity.WARNING,
            "a solver or scorer item holds only name and args (Inspect ignores other keys)");
    public static final RuleCode DEFAULT_COLUMN = new RuleCode("inspect-default-column", Severity.WARNING,
            "field_spec names the input and target columns (Inspect otherwise reads `input` and `target`)");
}
