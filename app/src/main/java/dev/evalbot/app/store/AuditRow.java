package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the audit table: a command a person gave evalbot (or a close), and what came of it;
 * {@code commands.AuditEntry} is the same record in the commands' terms.
 *
 * @param actor the platform user who gave it
 * @param command e.g. {@code approve}
 * @param args the rest of the command line as written ("" when none)
 * @param number pull request number (0: none)
 * @param outcome e.g. {@code applied}, {@code denied}, {@code invalid}
 * @param reason why, for people; may be null
 */
public record AuditRow(String actor, String command, String args, Instant at, PlatformId platform, String repo,
        int number, String outcome, String reason) {
    public AuditRow {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(command, "command");
        args = args == null ? "" : args;
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(outcome, "outcome");
    }
}
