package dev.evalbot.rules.benchmark.inspect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What Inspect AI's loader for Hub datasets accepts in a task of {@code eval.yaml}: the pydantic
 * models {@code HFTask}, {@code HFFieldSpec}, {@code HFSolver} and {@code HFScorer} of
 * {@code src/inspect_ai/_eval/task/hf.py} (with {@code FieldSpec} of
 * {@code src/inspect_ai/dataset/_dataset.py}) at {@link #INSPECT_COMMIT}. When Inspect changes
 * them, change this class and the conformance test together (docs/eval-yaml.md says how).
 */
public final class HfTaskModel {
    private HfTaskModel() {}

    /** The UKGovernmentBEIS/inspect_ai commit these lists were read from (2026-08-22). */
    public static final String INSPECT_COMMIT = "499e6152e7b8fc8cbd8ac5283536572aa6e4ab17";

    /** {@code HFTask}'s fields; it is {@code extra="forbid"}, so no other key loads. */
    public static final List<String> TASK_KEYS = List.of("id", "config", "split", "field_spec", "shuffle_choices",
            "epochs", "epoch_reducer", "solvers", "scorers");

    /** {@code HFFieldSpec}'s fields (its own two and those of {@code FieldSpec}); no other key loads. */
    public static final List<String> FIELD_SPEC_KEYS = List.of("input", "target", "choices", "id", "metadata",
            "sandbox", "files", "setup", "input_image");

    /** {@code HFSolver.name}'s literal values. */
    public static final List<String> SOLVERS = List.of("prompt_template", "system_message", "user_message",
            "chain_of_thought", "use_tools", "generate", "self_critique", "multiple_choice");

    /** {@code HFScorer.name}'s literal values. */
    public static final List<String> SCORERS = List.of("includes", "match", "pattern", "answer", "exact", "f1",
            "model_graded_qa", "model_graded_fact", "choice", "math");

    /** The keys of a solver or scorer item; others are ignored (pydantic's default {@code extra}). */
    public static final List<String> STEP_KEYS = List.of("name", "args");

    /**
     * {@code HFEpochReducer}: pydantic matches it with Rust's regex engine, whose {@code \d} is any
     * Unicode digit and whose {@code $} is the end of the text, hence the flag and {@code matches()}.
     */
    public static final Pattern EPOCH_REDUCER = Pattern.compile("pass_at_\\d+|at_least_\\d+|max|mode|median|mean",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** The reducers with a fixed name, for "did you mean". */
    public static final List<String> NAMED_REDUCERS = List.of("max", "mode", "median", "mean");
}
