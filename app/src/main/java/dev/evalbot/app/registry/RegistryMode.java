package dev.evalbot.app.registry;

import java.util.Optional;

/** Which Hub datasets count as benchmarks. */
public enum RegistryMode {
    /** Only the ids listed under {@code registry.benchmarks}. */
    ALLOW_LIST("allow-list"),
    /** Every dataset whose repository has a valid {@code eval.yaml}. */
    ANY("any");

    private final String configName;

    RegistryMode(String configName) {
        this.configName = configName;
    }

    /** The spelling used in {@code evalbot.yaml}. */
    public String configName() {
        return configName;
    }

    public static Optional<RegistryMode> parse(String text) {
        for (RegistryMode m : values()) {
            if (m.configName.equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
