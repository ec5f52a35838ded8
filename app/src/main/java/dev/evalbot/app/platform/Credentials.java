package dev.evalbot.app.platform;

import java.util.Map;

/**
 * What the environment holds for one platform.
 *
 * @param complete every credential a live platform needs is present
 * @param reason the variables that decided it, never their values (the start-up line shows it)
 * @param toGoLive what to set for this platform to run live, e.g. {@code HF_TOKEN with HF_WEBHOOK_SECRET}
 */
public record Credentials(boolean complete, String reason, String toGoLive) {
    /** Whether a credential variable is set: a value of blanks only counts as unset, as everywhere at start. */
    public static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
