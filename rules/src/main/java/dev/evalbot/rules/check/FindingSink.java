package dev.evalbot.rules.check;

import dev.evalbot.rules.config.RulesConfig;
import dev.evalbot.rules.yaml.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the findings of one file, applying the configured severity of each code for the
 * benchmark concerned (a code switched off is dropped). One per file review; not shared.
 */
public final class FindingSink {
    private final String file;
    private final RulesConfig config;
    private final List<Finding> findings = new ArrayList<>();

    public FindingSink(String file, RulesConfig config) {
        this.file = file;
        this.config = config;
    }

    public String file() {
        return file;
    }

    public void add(RuleCode code, String datasetId, int entry, Position at, String message, String hint) {
        Optional<Severity> severity = config.severity(datasetId, code.code(), code.severity());
        severity.ifPresent(s -> findings.add(new Finding(code.code(), s, file, at.line(), at.column(), entry,
                message, hint)));
    }

    public void addFileLevel(RuleCode code, Position at, String message, String hint) {
        add(code, null, 0, at, message, hint);
    }

    public List<Finding> findings() {
        return findings;
    }
}
