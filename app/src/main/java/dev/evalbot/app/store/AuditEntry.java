package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.time.Instant;
import java.util.Objects;

/**
 * One command a person gave evalbot, and what came of it.
 *
 * @param actor the platform user who gave it
 * @param command e.g. {@code approve}
 * @param args the rest of the command line as written ("" when none)
 * @param number pull request number (0: none)
 * @param outcome e.g. {@code applied}, {@code denied}, {@code invalid}
 * @param reason why, for people; may be null
 */
public record AuditEntry(String actor, String command, String args, Instant at, PlatformId platform, String repo,
        int number, String outcome, String reason) {
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
