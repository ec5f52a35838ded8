package dev.evalbot.app.platform;

/**
 * What the environment holds for one platform.
 *
 * @param complete every credential a live platform needs is present
 * @param reason the variables that decided it, never their values (the start-up line shows it)
 * @param toGoLive what to set for this platform to run live, e.g. {@code HF_TOKEN with HF_WEBHOOK_SECRET}
 */
public record Credentials(boolean complete, String reason, String toGoLive) {}
