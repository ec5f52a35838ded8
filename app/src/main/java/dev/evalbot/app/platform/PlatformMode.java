package dev.evalbot.app.platform;

import dev.evalbot.app.event.PlatformId;

/**
 * One platform's mode and why: what the start-up log says about it, e.g.
 * {@code Hub: live (HF_TOKEN, HF_WEBHOOK_SECRET)}.
 *
 * @param reason the variables that decided it, never their values
 */
public record PlatformMode(PlatformId platform, String label, Mode mode, String reason) {
    public String line() {
        return label + ": " + mode.word() + " (" + reason + ")";
    }
}
