package dev.evalbot.rules.check;

import java.util.List;

/** One check on one results entry. Implementations are stateless and thread-safe. */
public interface EntryRule {
    /** The codes this rule may report, for documentation and configuration. */
    List<RuleCode> codes();

    void check(EntryContext entry, FindingSink sink);
}
