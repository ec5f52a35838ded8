package dev.evalbot.app.commands;

import java.time.Instant;
import java.util.Objects;

/**
 * One command a person gave evalbot, and what came of it. The fields match the store's audit table.
 *
 * @param actor who gave it
 * @param command the command word, e.g. {@code approve} (as typed when unknown)
 * @param args the rest of the command line ("" when none)
 * @param platform {@code github} or {@code hub}
 * @param number pull request number
 * @param outcome {@link #DONE}, {@link #REFUSED} or {@link #FAILED}
 * @param reason why it was refused or failed, for people; null when done
 */
public record AuditEntry(String actor, String command, String args, Instant at, String platform, String repo,
        int number, String outcome, String reason) {
    public static final String DONE = "done";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(command, "command");
        args = args == null ? "" : args;
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(outcome, "outcome");
    }
}
