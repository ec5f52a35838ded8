package dev.evalbot.rules.check;

import java.util.Locale;
import java.util.Optional;

/** How much a finding matters: only errors make a submission invalid. */
public enum Severity {
    ERROR,
    WARNING,
    NOTICE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String text) {
        for (Severity s : values()) {
            if (s.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
