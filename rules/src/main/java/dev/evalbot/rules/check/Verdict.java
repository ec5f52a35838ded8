package dev.evalbot.rules.check;

import java.util.Collection;

/** The outcome of a review, derived from its findings: only errors make it invalid. */
public enum Verdict {
    VALID("valid"),
    VALID_WITH_WARNINGS("valid, with warnings"),
    INVALID("invalid");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Verdict of(Collection<Finding> findings) {
        boolean warnings = false;
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                return INVALID;
            }
            warnings |= f.severity() == Severity.WARNING;
        }
        return warnings ? VALID_WITH_WARNINGS : VALID;
    }
}
