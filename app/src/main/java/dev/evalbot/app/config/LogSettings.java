package dev.evalbot.app.config;

import java.util.Map;

/**
 * {@code EVALBOT_LOG_LEVEL}, read when logback configures itself: that is before {@code main} runs
 * (the first logger asked for), so it cannot be handed in with the rest of the start-up settings.
 *
 * @param level the root level as written (INFO when unset; logback reads an unknown word as INFO)
 */
public record LogSettings(String level) {
    public static final String VARIABLE = "EVALBOT_LOG_LEVEL";

    /** As {@code ${EVALBOT_LOG_LEVEL:-INFO}} read it: a system property of that name first, then the environment. */
    public static LogSettings fromEnvironment() {
        return fromEnvironment(System.getProperty(VARIABLE), System.getenv());
    }

    static LogSettings fromEnvironment(String property, Map<String, String> env) {
        return new LogSettings(property != null ? property : env.getOrDefault(VARIABLE, "INFO"));
    }
}
